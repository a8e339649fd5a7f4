import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { HolidayCalendar } from "../input/calendar-file.js";
import { businessCalendar } from "../input/calendar-file.js";
import { MONDAY_TO_FRIDAY_DAYS } from "../input/calendar-weekdays.js";
import type { PathKey } from "../input/schema-walk.js";
import type { TargetSpec } from "../input/targets.js";
import type { ParsedTemplate } from "../input/template/interpolate.js";
import { type TemplateNeeds, templateNeeds } from "../input/template/needs.js";
import type { ProcessValues, RunValues, TemplateScope } from "../input/template/scope.js";
import type { DesiredManifest, SourceRef } from "./desired-types.js";
import type { ManifestOutput } from "./manifest-schema.js";
import type { TemplateIssue } from "./template-field.js";
import { mergeTargetIssues, type TemplateTarget, templateTargets } from "./template-targets.js";
import { checkExpandedIdentities, type WalkContext } from "./template-walk.js";
import { toDesiredManifest } from "./to-desired.js";

/**
 * One validated manifest document → its manifests, one per target (§7). Everything that needs
 * no API is checked here for every target (`validate` reports it); a template whose jobs read
 * `process.*`, `run.*` or call `workday` is expanded once its run and process are read
 * (`PendingManifest`); any other is expanded at once.
 */

/** What a template reads from the API for one target, once its run is known. */
export interface TemplateApiValues {
  readonly process?: ProcessValues;
  readonly run?: RunValues;
  /** The process's business weekdays (0 = Monday); Monday–Friday when absent. */
  readonly businessDays?: readonly boolean[];
}

/** A target whose jobs are expanded once its run (and, if used, its process) is read. */
export interface PendingManifest {
  readonly target: TargetSpec;
  readonly targetSource: SourceRef;
  /** `target 2`, or "" when the manifest has one target. */
  readonly label: string;
  /** Every target of the same document shares this key (to merge their problems). */
  readonly documentKey: string;
  readonly targetCount: number;
  /** What the document's expressions read. */
  readonly needs: TemplateNeeds;
  /** The jobs for this target, or its problems (as TemplateIssues, merged by the caller). */
  expand(
    values: TemplateApiValues,
    holidays?: HolidayCalendar,
  ): { manifest?: DesiredManifest; issues: TemplateIssue[] };
}

export interface DocumentPlaces {
  readonly file: string;
  readonly documentKey: string;
  readonly sourceAt: (path: readonly PathKey[], at?: "key" | "value") => SourceRef;
  readonly stringAt: (path: readonly PathKey[], offset: number) => SourceRef;
}

/** A manifest's `calendar:` as written (a config name or a path relative to the manifest). */
export interface CalendarRef {
  readonly ref: string;
  readonly source: SourceRef;
  readonly documentKey: string;
}

export interface PreparedDocument {
  readonly manifests: DesiredManifest[];
  readonly pending: PendingManifest[];
  readonly calendars: CalendarRef[];
  readonly diagnostics: Diagnostic[];
}

/** Whether a needs set makes the expansion wait for the API. */
function needsApi(needs: TemplateNeeds): boolean {
  return needs.process.size > 0 || needs.run.size > 0 || needs.workday;
}

export function prepareDocument(
  data: ManifestOutput,
  places: DocumentPlaces,
  isTemplate: boolean,
): PreparedDocument {
  const parsed = new Map<string, ParsedTemplate>();
  const targetIssues: TemplateIssue[] = [];
  const base = { stringAt: places.stringAt, parsed };
  const targets = templateTargets(data, { ...base, issues: targetIssues }, places.sourceAt);
  const targetDiagnostics = mergeTargetIssues([{ label: "", issues: targetIssues }], 1);
  const calendars: CalendarRef[] =
    data.calendar === undefined
      ? []
      : [{ ref: data.calendar, source: places.sourceAt(["calendar"]), documentKey: places.documentKey }];
  if (targetDiagnostics.length > 0)
    return { manifests: [], pending: [], calendars, diagnostics: targetDiagnostics };

  const build = (t: TemplateTarget, scope: TemplateScope) => {
    const issues: TemplateIssue[] = [];
    const ctx: WalkContext = {
      ...base,
      scope,
      issues,
      sourceAt: places.sourceAt,
      place: t.label ? [t.label] : [],
      loopNames: [],
      ...(isTemplate ? { checkIdentities: checkExpandedIdentities } : {}),
    };
    const manifest = toDesiredManifest(data, t.target, t.targetSource, ctx);
    return { manifest: issues.length === 0 ? manifest : undefined, issues };
  };

  if (!isTemplate) {
    const t = targets[0] as TemplateTarget;
    const { manifest, issues } = build(t, { vars: {} });
    return {
      manifests: manifest ? [manifest] : [],
      pending: [],
      calendars,
      diagnostics: mergeTargetIssues([{ label: "", issues }], 1),
    };
  }
  // Offline: every target type-checked (process.*, run.* and workday() without values).
  const checked = targets.map((t) => ({ label: t.label, ...build(t, { vars: t.vars, mode: "check" }) }));
  const diagnostics = mergeTargetIssues(checked, targets.length);
  if (diagnostics.length > 0) return { manifests: [], pending: [], calendars, diagnostics };
  const needs = templateNeeds(parsed.values());
  if (!needsApi(needs)) {
    const manifests = targets.flatMap((t) => build(t, { vars: t.vars }).manifest ?? []);
    return { manifests, pending: [], calendars, diagnostics: [] };
  }
  const pending = targets.map(
    (t): PendingManifest => ({
      target: t.target,
      targetSource: t.targetSource,
      label: t.label,
      documentKey: places.documentKey,
      targetCount: targets.length,
      needs,
      expand: (values, holidays) =>
        build(t, {
          vars: t.vars,
          ...(values.process ? { process: values.process } : {}),
          ...(values.run ? { run: values.run } : {}),
          calendar: businessCalendar(values.businessDays ?? MONDAY_TO_FRIDAY_DAYS, holidays),
        }),
    }),
  );
  return { manifests: [], pending, calendars, diagnostics: [] };
}
