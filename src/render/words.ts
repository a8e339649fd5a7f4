import { escapeControls, safeJson } from "../diagnostics/terminal-safe.js";
/**
 * Plan parts in words, shared by the text and markdown renderers: counts with their nouns,
 * positions ("after job run "Kickoff""), job one-liners, drift and order notices, and the
 * summary line (public API: scripts grep for it).
 *
 * Every string that comes from a manifest or the API goes through `quote` or `bare`, which
 * escape control characters (so a title cannot carry terminal escapes or line breaks).
 */
import { displayFields, kindArgs } from "../input/job-kinds.js";
import type {
  Drift,
  Insertion,
  NodeLabel,
  OutOfOrder,
  PlannedJob,
  PlanSummary,
  RunPlan,
} from "../plan/plan-types.js";
import { NOT_RUNNING_STATUSES } from "../plan/planner.js";

/** Longest title shown, in characters, before it is cut with "…". */
export const MAX_TITLE = 80;
/** Longest argument value shown on a job line. */
export const MAX_VALUE = 40;

/** `1 job run`, `2 job runs`. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** Cuts `text` to at most `max` characters (code points), ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join("")}…`;
}

/** A double-quoted, escaped (JSON rules), possibly truncated string: `"Q4 Close"`. */
export function quote(text: string, max = MAX_TITLE): string {
  return safeJson(truncate(text, max)) as string;
}

const BARE = /^[A-Za-z0-9_.@:/+-]+$/;

/** Ids and dates as they are (`user123`, `2024-12-15`); anything else quoted. */
export function bare(text: string, max = MAX_VALUE): string {
  return BARE.test(text) ? truncate(text, max) : quote(text, max);
}

/** `file:line` of a manifest entry. */
export function sourceWords(source: { readonly file: string; readonly line: number }): string {
  return `${source.file}:${source.line}`;
}

/** `"Phase 1" > "Approvals"`: group names from the root down. */
export function groupPathWords(path: readonly string[]): string {
  return path.map((name) => quote(name)).join(" > ");
}

/** ` in group "Phase 1" > "Approvals"`, or "" at the root. */
export function inGroupWords(path: readonly string[]): string {
  return path.length === 0 ? "" : ` in group ${groupPathWords(path)}`;
}

/** `job run "Kickoff"`, `group "Approvals"`, or `the process run` for the root group. */
export function nodeWords(node: NodeLabel): string {
  if (node.kind === "job") return `job run ${quote(node.label)}`;
  return node.label === "" ? "the process run" : `group ${quote(node.label)}`;
}

/** Where an insertion goes: `after job run "Kickoff"`, `at the end of group "Approvals"`. */
export function positionWords(explain: Insertion["explain"]): string {
  const { where, sibling, group, groupPath } = explain;
  if (where !== "end" && sibling) return `${where} ${nodeWords(sibling)}${inGroupWords(groupPath)}`;
  if (groupPath.length > 0) return `at the end of group ${groupPathWords(groupPath)}`;
  return `at the end of ${nodeWords(group)}`;
}

/** `2 job runs at the end of group "Approvals" (part 2 of 3)`. */
export function insertionWords(insertion: Insertion): string {
  const part = insertion.explain.part;
  const partWords = part ? ` (part ${part.index} of ${part.of})` : "";
  return `${count(insertion.jobs.length, "job run")} ${positionWords(insertion.explain)}${partWords}`;
}

/** An argument value in a few characters: `user123`, `group:grp-1`, `"two words"`. */
export function valueWords(value: unknown, max = MAX_VALUE): string {
  if (typeof value === "string") return bare(value, max);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (isPrincipal(value)) {
    return value.type === "user" ? bare(value.id, max) : bare(`${value.type}:${value.id}`, max);
  }
  return truncate(safeJson(value) ?? escapeControls(String(value)), max);
}

function isPrincipal(value: unknown): value is { id: string; type: string } {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return Object.keys(v).length === 2 && typeof v.id === "string" && typeof v.type === "string";
}

/** `assignee=user123`, `dueDate=2024-12-15`, `trigger=manual`: the key fields of a new job. */
export function argWords(job: PlannedJob): string[] {
  const args = kindArgs(job) ?? {};
  const parts: string[] = [];
  for (const [field, shownAs] of displayFields(job.action)) {
    if (args[field] !== undefined && args[field] !== null)
      parts.push(`${shownAs}=${valueWords(args[field])}`);
  }
  if (job.triggerType !== "whenEligible") parts.push(`trigger=${bare(job.triggerType)}`);
  return parts;
}

/**
 * The fields a template computed, each with its expression (§7):
 * `dueDate=2026-11-04 ← workday(vars.periodEnd, 3)`; the title as `title ← …` (its value is the
 * job's title). Empty for a job written out by hand.
 */
export function expressionWords(job: PlannedJob): string[] {
  const expressions = job.source.expressions ?? {};
  const args = kindArgs(job) ?? {};
  return Object.entries(expressions).map(([path, expression]) => {
    const shown = plain(expression, MAX_VALUE * 2);
    if (path === "title") return `title ← ${shown}`;
    let value: unknown = path === "triggerType" ? job.triggerType : args;
    if (path !== "triggerType")
      for (const key of path.split(".")) value = (value as Record<string, unknown> | undefined)?.[key];
    // `assignee.id` is shown as the job line shows it: `assignee=u-ann`.
    return `${bare(path.replace(/\.id$/, ""))}=${valueWords(value)} ← ${shown}`;
  });
}

/** A new job's title as written, or undefined when it has none. */
export function jobTitle(job: PlannedJob): string | undefined {
  const title = kindArgs(job)?.title;
  return typeof title === "string" ? title : undefined;
}

/** `sendTask "Review Q4 financial report"  assignee=user123  dueDate=2024-12-15` (one line). */
export function jobWords(job: PlannedJob): string {
  const title = jobTitle(job);
  return [`${job.action} ${title === undefined ? "(untitled)" : quote(title)}`, ...argWords(job)].join("  ");
}

/** Text shown unquoted (a title in the review tree), cut to `max`, with unsafe characters as `\uXXXX`. */
export function plain(text: string, max = MAX_TITLE): string {
  return escapeControls(truncate(text, max));
}

/** `sendTask "Collect trial balance" has drifted (manifest -> live):`. */
export function driftWords(drift: Drift): string {
  return `${drift.action} ${quote(drift.title)}${inGroupWords(drift.groupPath)} has drifted (manifest -> live):`;
}

/** `group "Approvals" is out of order (live order kept)`. */
export function outOfOrderWords(item: OutOfOrder): string {
  return `${nodeWords(item.node)}${inGroupWords(item.groupPath)} is out of order (live order kept)`;
}

/** `1 job run in this process run is not managed by any manifest.` */
export function unmanagedWords(n: number): string {
  return `${count(n, "job run")} in this process run ${n === 1 ? "is" : "are"} not managed by any manifest.`;
}

/** `process run run-q4close "Q4 Close" (manifests/q4-close.yaml)`. */
export function runWords(run: RunPlan): string {
  const name = run.name ? ` ${quote(run.name)}` : "";
  const files = run.manifests.map((m) => (m.name ? `${m.file}: ${bare(m.name)}` : m.file));
  const from = files.length > 0 ? ` (${files.join(", ")})` : "";
  return `process run ${bare(run.id, MAX_TITLE)}${name}${from}`;
}

/** True when a run has nothing to create and nothing to report. */
export function runIsQuiet(run: RunPlan): boolean {
  return (
    run.insertions.length === 0 &&
    run.drift.length === 0 &&
    run.outOfOrder.length === 0 &&
    run.unmanaged === 0
  );
}

/** The run header's ending: "" (changes), `: nothing to create` (notes only) or `: no changes`. */
/** A finished run (§12) in sync is shown as Finished, not as an error. */
export function runStateWords(run: RunPlan): string {
  if (run.insertions.length > 0) return "";
  const finished =
    run.status !== undefined && NOT_RUNNING_STATUSES.has(run.status)
      ? `Finished (${plain(run.status, 20)}), `
      : "";
  return runIsQuiet(run) ? `: ${finished}no changes` : `: ${finished}nothing to create`;
}

/** The exact no-changes line. */
export const NO_CHANGES_LINE = "No changes. Job runs match the manifests.";

/**
 * The last line of a plan (contract §6):
 * `Plan: N job runs to create in M requests across K process runs.` (singular nouns for 1);
 * with nothing to create but drift, order or duplicates reported,
 * `No job runs to create. 3 job runs differ from the manifests; jobsync cannot change them.`;
 * `No changes. Job runs match the manifests.` only when there is nothing of either.
 */
export function summaryLine(summary: PlanSummary): string {
  const differ = summary.drift + summary.outOfOrder + summary.duplicates;
  if (summary.create === 0 && differ > 0) {
    return `No job runs to create. ${count(differ, "job run")} ${differ === 1 ? "differs" : "differ"} from the manifests; jobsync cannot change them.`;
  }
  if (summary.create === 0) return NO_CHANGES_LINE;
  return `Plan: ${count(summary.create, "job run")} to create in ${count(summary.requests, "request")} across ${count(summary.processRuns, "process run")}.`;
}

/** Why drift and order are shown but never acted on; undefined when there is neither. */
export function reportOnlyNote(hasDrift: boolean, hasOutOfOrder: boolean): string | undefined {
  if (hasDrift && hasOutOfOrder) {
    return "Drift and order are reported only: jobsync never changes or moves existing job runs.";
  }
  if (hasDrift) return "Drift is reported only: jobsync never changes existing job runs.";
  if (hasOutOfOrder) return "Order is reported only: jobsync never moves existing job runs.";
  return undefined;
}
