import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { HolidayCalendar } from "../input/calendar-file.js";
import { displayPath } from "../input/display-path.js";
import type { TargetSpec } from "../input/targets.js";
import type { DesiredManifest, DesiredState } from "./desired-types.js";
import { findManifestFiles } from "./find-files.js";
import { loadCalendars } from "./load-calendars.js";
import { parseManifestText } from "./parse-manifest-text.js";
import { readManifestFile } from "./read-manifest-file.js";
import type { CalendarRef, PendingManifest } from "./template-document.js";

/** A template target waiting for the API, with its manifest's holidays (if it names a calendar). */
export interface LoadedPending {
  readonly manifest: PendingManifest;
  readonly holidays?: HolidayCalendar;
}

type RawPart =
  | { readonly kind: "ready"; readonly manifest: DesiredManifest }
  | { readonly kind: "pending"; readonly pending: PendingManifest };

/** In file and document order: a manifest ready to plan, or a template target to expand first. */
export type ManifestPart =
  | { readonly kind: "ready"; readonly manifest: DesiredManifest }
  | { readonly kind: "pending"; readonly pending: LoadedPending };

export interface LoadedManifests {
  /** The manifests ready to plan (templates that need the API are in `parts` only). */
  readonly desired: DesiredState;
  readonly parts: readonly ManifestPart[];
  /** Every problem in every file, in file order then line order. */
  readonly diagnostics: Diagnostic[];
  /** The files read, as shown in diagnostics (relative to cwd, forward slashes), sorted. */
  readonly files: string[];
}

/**
 * Reads the manifest files named by `patterns` (folders, files or globs; relative to cwd unless
 * absolute), in sorted path order, and returns the DesiredState of the valid documents with every
 * problem found (errors; and warnings for a folder without manifest files or a file without
 * documents, which are legal but likely mistakes). Never throws for bad input: callers decide
 * what diagnostics mean.
 */
export async function loadManifests(
  patterns: readonly string[],
  options: {
    readonly cwd: string;
    /** Config `calendars`: name → absolute path. */
    readonly calendars?: Readonly<Record<string, string>>;
    /** Called with each valid target as soon as its file is parsed (to start reading its run). */
    readonly onTarget?: (target: TargetSpec) => void;
  },
): Promise<LoadedManifests> {
  const found = await findManifestFiles(patterns, options.cwd);
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  const manifests: DesiredManifest[] = [];
  const parts: RawPart[] = [];
  const calendarRefs: { ref: CalendarRef; manifestFile: string }[] = [];
  const files: string[] = [];
  for (const absolute of found.files) {
    const file = displayPath(absolute, options.cwd);
    files.push(file);
    const read = await readManifestFile(absolute);
    if ("problem" in read) {
      diagnostics.push({ severity: "error", file, message: read.problem });
      continue;
    }
    const parsed = parseManifestText(read.text, file);
    manifests.push(...parsed.manifests);
    parts.push(...orderedParts(parsed.manifests, parsed.pending));
    for (const m of [...parsed.manifests, ...parsed.pending]) options.onTarget?.(m.target);
    calendarRefs.push(...parsed.calendars.map((ref) => ({ ref, manifestFile: absolute })));
    diagnostics.push(...parsed.diagnostics);
    // Every non-empty document gives a manifest or a problem: nothing at all means no documents.
    if (parsed.manifests.length === 0 && parsed.pending.length === 0 && parsed.diagnostics.length === 0) {
      diagnostics.push({
        severity: "warning",
        file,
        message: "this file has no manifest documents (it is empty, or holds only comments or `---`)",
      });
    }
  }
  const calendars = await loadCalendars(calendarRefs, {
    cwd: options.cwd,
    calendars: options.calendars ?? {},
  });
  diagnostics.push(...calendars.diagnostics);
  const withHolidays = parts.map((part): ManifestPart => {
    if (part.kind === "ready") return part;
    const holidays = calendars.byDocument.get(part.pending.documentKey);
    return { kind: "pending", pending: { manifest: part.pending, ...(holidays ? { holidays } : {}) } };
  });
  return { desired: { manifests }, parts: withHolidays, diagnostics, files };
}

/** One file's manifests and pending targets in document order (by their source line). */
function orderedParts(ready: readonly DesiredManifest[], pending: readonly PendingManifest[]): RawPart[] {
  const all = [
    ...ready.map((manifest) => ({ line: manifest.source.line, part: { kind: "ready" as const, manifest } })),
    ...pending.map((p) => ({ line: p.targetSource.line, part: { kind: "pending" as const, pending: p } })),
  ];
  return all.sort((a, b) => a.line - b.line).map((a) => a.part);
}
