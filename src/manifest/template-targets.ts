import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { PathKey } from "../input/schema-walk.js";
import type { TargetSpec } from "../input/targets.js";
import type { TemplateValue } from "../input/template/template-types.js";
import { isMap, isTemplateValue } from "../input/template/values.js";
import type { SourceRef } from "./desired-types.js";
import type { ManifestOutput } from "./manifest-schema.js";
import type { FieldContext, TemplateIssue } from "./template-field.js";
import { toTarget } from "./to-desired.js";

/**
 * The targets of one manifest (§7): `target:` or `targets:` (not both), each with the manifest's
 * `vars` replaced per top-level key by its own, and its names evaluated with those vars only
 * (`process.*` and `run.*` are not known before the target is). One mistake made for several
 * targets becomes one diagnostic listing them.
 */

export interface TemplateTarget {
  readonly target: TargetSpec;
  readonly targetSource: SourceRef;
  /** `target 2` when the manifest has several targets, else "". */
  readonly label: string;
  readonly vars: { readonly [name: string]: TemplateValue };
}

type Vars = { readonly [name: string]: TemplateValue };

function varsOf(value: unknown): Vars {
  return value !== undefined && isTemplateValue(value) && isMap(value) ? value : {};
}

const UNAVAILABLE = { process: "in a target's name", run: "in a target's name" };

/** The targets of a validated manifest; problems go to `ctx.issues`. */
export function templateTargets(
  data: ManifestOutput,
  ctx: Omit<FieldContext, "scope">,
  sourceAt: (path: readonly PathKey[], at?: "key" | "value") => SourceRef,
): TemplateTarget[] {
  const shared = varsOf(data.vars);
  if (data.target !== undefined && data.targets !== undefined) {
    ctx.issues.push({
      source: sourceAt(["targets"], "key"),
      message:
        "`target:` and `targets:` together: use `target:` for one process run, or list every one under `targets:`",
    });
    return [];
  }
  if (data.target !== undefined) {
    const scope = { vars: shared, mode: "evaluate" as const, unavailable: UNAVAILABLE };
    const target = toTarget(data.target, ["target"], { ...ctx, scope });
    return target ? [{ target, targetSource: sourceAt(["target"], "key"), label: "", vars: shared }] : [];
  }
  if (data.targets === undefined) {
    ctx.issues.push({
      source: sourceAt([]),
      message:
        "missing required key `target` (a mapping with processRun: <id>, process: { id: <id> } or process: { name: <name> }), or `targets:` (a list of them)",
    });
    return [];
  }
  const several = data.targets.length > 1;
  const out: TemplateTarget[] = [];
  data.targets.forEach((entry, index) => {
    const vars = { ...shared, ...varsOf(entry.vars) };
    const scope = { vars, mode: "evaluate" as const, unavailable: UNAVAILABLE };
    const path = ["targets", index];
    const target = toTarget(entry, path, { ...ctx, scope });
    if (target)
      out.push({ target, targetSource: sourceAt(path), label: several ? `target ${index + 1}` : "", vars });
  });
  return out;
}

function listed(labels: readonly string[]): string {
  const numbers = labels.map((l) => l.replace(/^target /, ""));
  const last = numbers.pop();
  return numbers.length === 0 ? `target ${last}` : `targets ${numbers.join(", ")} and ${last}`;
}

/**
 * The issues of every target expanded, as diagnostics: one per place and message, naming the
 * targets it was found for when the manifest has several (`(targets 1 and 3)`, or `(every target)`).
 */
export function mergeTargetIssues(
  perTarget: readonly { readonly label: string; readonly issues: readonly TemplateIssue[] }[],
  targetCount: number,
): Diagnostic[] {
  const byPlace = new Map<string, { issue: TemplateIssue; labels: string[] }>();
  for (const { label, issues } of perTarget) {
    for (const issue of issues) {
      const key = `${issue.source.file}\0${issue.source.line}\0${issue.source.col}\0${issue.message}`;
      const found = byPlace.get(key);
      if (found === undefined) byPlace.set(key, { issue, labels: label ? [label] : [] });
      else if (label && !found.labels.includes(label)) found.labels.push(label);
    }
  }
  return [...byPlace.values()].map(({ issue, labels }) => {
    const which =
      labels.length === 0
        ? ""
        : labels.length === targetCount && targetCount > 1
          ? " (every target)"
          : ` (${listed(labels)})`;
    return { severity: "error", ...issue.source, message: `${issue.message}${which}` };
  });
}
