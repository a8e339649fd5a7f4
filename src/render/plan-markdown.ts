/**
 * The plan as markdown for a pull-request comment: a heading, the summary line in bold, then per
 * process run a collapsed `<details>` section holding a ```diff fence (`+` creates in green, `!`
 * drift and out-of-order notices in orange on GitHub), and the runs with no changes at the end.
 *
 * The result always fits in `maxChars` (GitHub refuses comments over 65,536 characters): when the
 * plan is too long, whole run sections are kept while they fit and a note says how many were left out.
 * User text can neither close a fence (fences are longer than any backtick run inside) nor inject
 * HTML (summaries are HTML-escaped).
 */
import { type Diagnostic, formatDiagnostic } from "../diagnostics/diagnostic.js";
import type { Plan, RunPlan } from "../plan/plan-types.js";
import { renderFieldChange } from "./field-diff.js";
import { reviewRows } from "./review-model.js";
import { reviewLines } from "./review-text.js";
import { createStyle, SYMBOLS } from "./style.js";
import {
  count,
  driftWords,
  insertionWords,
  jobWords,
  outOfOrderWords,
  reportOnlyNote,
  runIsQuiet,
  runWords,
  sourceWords,
  summaryLine,
  unmanagedWords,
} from "./words.js";

export interface PlanMarkdownOptions {
  /** Upper bound on the output length in characters (default 65,000). */
  readonly maxChars?: number;
  /** Warnings (or errors) found while planning, shown under the summary. */
  readonly diagnostics?: readonly Diagnostic[];
}

export const DEFAULT_MARKDOWN_MAX_CHARS = 65_000;

const PLAIN = createStyle(false);
/** Markdown marks out-of-order lines with `!` too: GitHub colours only `+`, `-` and `!` in a diff fence. */
const NOTICE = SYMBOLS.drift;

/** Escapes text for HTML (and so for a `<summary>`). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A fenced code block whose fence is longer than any run of backticks in `lines`. */
export function fence(info: string, lines: readonly string[]): string {
  let longest = 0;
  for (const line of lines) {
    for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  }
  const marks = "`".repeat(Math.max(3, longest + 1));
  return [`${marks}${info}`, ...lines, marks].join("\n");
}

/** The diff-fence lines of one run (without the header, which is the section's summary). */
export function runDiffLines(run: RunPlan): string[] {
  const rows = reviewRows(run);
  const lines: string[] = rows.length > 0 ? reviewLines(rows, { style: PLAIN, diff: true }) : [];
  if (rows.length === 0) {
    for (const insertion of run.insertions) {
      lines.push(`${SYMBOLS.create} ${insertionWords(insertion)}`);
      for (const job of insertion.jobs) lines.push(`${SYMBOLS.create}     ${jobWords(job)}`);
    }
  }
  for (const drift of run.drift) {
    lines.push(`${SYMBOLS.drift} ${driftWords(drift)}  [${sourceWords(drift.source)}]`);
    for (const change of drift.changes) {
      lines.push(`${SYMBOLS.drift}     ${SYMBOLS.field} ${renderFieldChange(change, PLAIN)}`);
    }
  }
  for (const item of run.outOfOrder) {
    lines.push(`${NOTICE} ${outOfOrderWords(item)}  [${sourceWords(item.source)}]`);
  }
  if (run.unmanaged > 0) lines.push(`  ${unmanagedWords(run.unmanaged)}`);
  return lines;
}

/** `3 job runs to create in 2 requests, 1 drifted, 1 out of order, 1 unmanaged`. */
function runCounts(run: RunPlan): string {
  const create = run.insertions.reduce((n, insertion) => n + insertion.jobs.length, 0);
  const parts = [
    create > 0
      ? `${count(create, "job run")} to create in ${count(run.insertions.length, "request")}`
      : "nothing to create",
  ];
  if (run.drift.length > 0) parts.push(`${run.drift.length} drifted`);
  if (run.outOfOrder.length > 0) parts.push(`${run.outOfOrder.length} out of order`);
  if (run.unmanaged > 0) parts.push(`${run.unmanaged} unmanaged`);
  return parts.join(", ");
}

function details(summary: string, body: string): string {
  return `<details><summary>${escapeHtml(summary)}</summary>\n\n${body}\n\n</details>`;
}

/** One run's collapsible section; with `maxLines`, the lines after it are replaced by a count. */
function runSection(run: RunPlan, all = runDiffLines(run), maxLines = all.length): string {
  const lines =
    all.length > maxLines
      ? [...all.slice(0, maxLines), `  … ${count(all.length - maxLines, "more line")} not shown`]
      : all;
  return details(`${runWords(run)}: ${runCounts(run)}`, fence("diff", lines));
}

function quietLine(run: RunPlan): string {
  return `  ${runWords(run)}: no changes`;
}

/** The section listing runs with no changes. */
function quietSection(runs: readonly RunPlan[]): string {
  const lines = runs.map(quietLine);
  return details(`${count(runs.length, "process run")} with no changes`, fence("diff", lines));
}

function truncationNote(notShown: number): string {
  return (
    `…${count(notShown, "more process run")} not shown (output truncated to stay under GitHub's comment limit); ` +
    "run `jobsync show plan.json` for the full plan."
  );
}

function headBlocks(plan: Plan, diagnostics: readonly Diagnostic[]): string[] {
  const blocks = ["### jobsync plan", `**${summaryLine(plan.summary)}**`];
  const note = reportOnlyNote(
    plan.processRuns.some((run) => run.drift.length > 0),
    plan.processRuns.some((run) => run.outOfOrder.length > 0),
  );
  if (note !== undefined) blocks.push(note);
  if (diagnostics.length > 0) blocks.push(`Warnings:\n\n${fence("text", diagnostics.map(formatDiagnostic))}`);
  return blocks;
}

const SEP = "\n\n";

/**
 * The most items (lines or runs) whose rendering fits in `room`: first estimated from the items'
 * lengths, then checked by rendering (the wrapper's size varies a little with what is inside).
 */
function mostThatFit(lines: readonly string[], render: (n: number) => string, room: number): number {
  const overhead = render(0).length;
  let n = 0;
  let used = overhead;
  for (const line of lines) {
    used += line.length + 1;
    if (used > room) break;
    n++;
  }
  while (n > 0 && render(n).length > room) n--;
  return n;
}

/** The plan as a pull-request comment, never longer than `maxChars`. Ends with "\n". */
export function renderPlanMarkdown(plan: Plan, options: PlanMarkdownOptions = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_MARKDOWN_MAX_CHARS;
  const busy = plan.processRuns.filter((run) => !runIsQuiet(run));
  const quiet = plan.processRuns.filter(runIsQuiet);
  const head = headBlocks(plan, options.diagnostics ?? []);
  const quietBlocks = quiet.length > 0 ? [quietSection(quiet)] : [];
  const whole = `${[...head, ...busy.map((run) => runSection(run)), ...quietBlocks].join(SEP)}\n`;
  if (whole.length <= maxChars) return whole;

  const blocks = [...head];
  let used = head.join(SEP).length;
  const budget = maxChars - SEP.length - truncationNote(plan.processRuns.length).length - 1;
  const add = (section: string) => {
    blocks.push(section);
    used += SEP.length + section.length;
  };
  let shown = 0;
  for (const run of busy) {
    const section = runSection(run);
    if (used + SEP.length + section.length > budget) break;
    add(section);
    shown++;
  }
  const first = busy[0];
  if (shown === 0 && first !== undefined) {
    // Not even one whole run fits: show the start of the first one.
    const lines = runDiffLines(first);
    const n = mostThatFit(lines, (k) => runSection(first, lines, k), budget - used - SEP.length);
    if (n > 0) {
      add(runSection(first, lines, n));
      shown++;
    }
  }
  if (shown === busy.length && quiet.length > 0) {
    const render = (k: number) => quietSection(quiet.slice(0, k));
    const n = mostThatFit(quiet.map(quietLine), render, budget - used - SEP.length);
    if (n > 0) add(render(n));
    shown += n;
  }
  if (shown < plan.processRuns.length) blocks.push(truncationNote(plan.processRuns.length - shown));
  const text = `${blocks.join(SEP)}\n`;
  // Only a maxChars smaller than the heading and summary can get here.
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(0, maxChars - 2))}…\n`;
}
