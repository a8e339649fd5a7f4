/**
 * The plan as markdown for a pull-request comment (contract §8): a heading (naming the commit and
 * linking the workflow run under GitHub Actions), the summary line in bold, the table of every
 * process run (never cut), then per run with something to show a `<details>` section holding its
 * review tree in a ```diff fence (`+` creates in green, `!` drift and out-of-order notices).
 *
 * The result always fits in `maxChars` (GitHub refuses comments over 65,536 characters): when the
 * plan is too long, run details are left out (never a table row) and a note names those runs.
 * Outside text can neither close a fence (fences are longer than any backtick run inside) nor
 * inject HTML, Markdown or mentions (escaped).
 */
import { type Diagnostic, formatDiagnostic } from "../diagnostics/diagnostic.js";
import type { Plan, RunPlan } from "../plan/plan-types.js";
import { renderFieldChange } from "./field-diff.js";
import { commitUrl, type GitHubProvenance, runUrl } from "./github-provenance.js";
import { runCreates, runTable } from "./markdown-table.js";
import { escapeHtml, escapeMarkdown, fence } from "./markdown-text.js";
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

export { escapeHtml, fence } from "./markdown-text.js";

export interface PlanMarkdownOptions {
  /** Upper bound on the output length in characters (default 65,000). */
  readonly maxChars?: number;
  /** Warnings (or errors) found while planning, shown under the summary. */
  readonly diagnostics?: readonly Diagnostic[];
  /** Under GitHub Actions: the commit and run the plan was made in. */
  readonly provenance?: GitHubProvenance;
}

export const DEFAULT_MARKDOWN_MAX_CHARS = 65_000;
/** Sections are open when the whole comment is at most this long. */
const OPEN_BELOW_CHARS = 8_000;
const MAX_NAMED_RUNS = 20;
/** Room kept after the table for the omitted-details note. */
const TAIL_ROOM = 1_200;

const PLAIN = createStyle(false);
/** Markdown marks out-of-order lines with `!` too: GitHub colours only `+`, `-` and `!` in a diff fence. */
const NOTICE = SYMBOLS.drift;

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

/** `3 job runs to create in 2 requests, 1 drifted, 1 out of order, 1 unmanaged, 1 duplicated`. */
function runCounts(run: RunPlan): string {
  const create = runCreates(run);
  const parts = [
    create > 0
      ? `${count(create, "job run")} to create in ${count(run.insertions.length, "request")}`
      : "nothing to create",
  ];
  if (run.drift.length > 0) parts.push(`${run.drift.length} drifted`);
  if (run.outOfOrder.length > 0) parts.push(`${run.outOfOrder.length} out of order`);
  if (run.unmanaged > 0) parts.push(`${run.unmanaged} unmanaged`);
  if (run.duplicates.length > 0) parts.push(`${run.duplicates.length} duplicated`);
  return parts.join(", ");
}

function runSection(run: RunPlan, open: boolean): string {
  const summary = escapeHtml(`${runWords(run)}: ${runCounts(run)}`);
  return `<details${open ? " open" : ""}><summary>${summary}</summary>\n\n${fence("diff", runDiffLines(run))}\n\n</details>`;
}

function heading(provenance: GitHubProvenance | undefined): string {
  if (!provenance) return "### jobsync plan";
  const sha = provenance.sha.slice(0, 7);
  return `### jobsync plan for [\`${sha}\`](${commitUrl(provenance)}) · [workflow run ${provenance.runId}](${runUrl(provenance)})`;
}

function headBlocks(plan: Plan, options: PlanMarkdownOptions, withTable: boolean): string[] {
  const blocks = [heading(options.provenance), `**${summaryLine(plan.summary)}**`];
  const note = reportOnlyNote(
    plan.processRuns.some((run) => run.drift.length > 0),
    plan.processRuns.some((run) => run.outOfOrder.length > 0),
  );
  if (note !== undefined) blocks.push(note);
  const table = withTable ? runTable(plan.processRuns, options.provenance) : undefined;
  if (table !== undefined) blocks.push(table);
  else if (plan.processRuns.length > 0) {
    blocks.push(
      `${count(plan.processRuns.length, "process run")} are too many for one comment: ` +
        "see the job summary, or the plan artifact with `jobsync show plan.json`.",
    );
  }
  const diagnostics = options.diagnostics ?? [];
  if (diagnostics.length > 0) blocks.push(`Warnings:\n\n${fence("text", diagnostics.map(formatDiagnostic))}`);
  return blocks;
}

function omittedNote(runs: readonly RunPlan[]): string {
  const named = runs.slice(0, MAX_NAMED_RUNS).map((run) => escapeMarkdown(run.id, 40));
  const more = runs.length > MAX_NAMED_RUNS ? `, and ${runs.length - MAX_NAMED_RUNS} more` : "";
  return (
    `Details not shown for ${count(runs.length, "process run")} (${named.join(", ")}${more}) to stay under ` +
    "GitHub's comment limit; their rows above are complete. Run `jobsync show plan.json` for the full plan."
  );
}

const SEP = "\n\n";

/** The plan as a pull-request comment, never longer than `maxChars`. Ends with "\n". */
export function renderPlanMarkdown(plan: Plan, options: PlanMarkdownOptions = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_MARKDOWN_MAX_CHARS;
  let head = headBlocks(plan, options, true);
  // A table too long for the comment (hundreds of runs) gives way to a pointer, as past MAX_TABLE_RUNS.
  if (head.join(SEP).length + TAIL_ROOM > maxChars) head = headBlocks(plan, options, false);
  const tabled = plan.processRuns.length > 0 && head.some((block) => block.startsWith("| Process run"));
  const busy = tabled ? plan.processRuns.filter((run) => !runIsQuiet(run)) : [];
  const closed = `${[...head, ...busy.map((run) => runSection(run, false))].join(SEP)}\n`;
  if (closed.length <= maxChars) {
    const open = busy.length > 0 && closed.length + 5 * busy.length <= OPEN_BELOW_CHARS;
    return open ? `${[...head, ...busy.map((run) => runSection(run, true))].join(SEP)}\n` : closed;
  }
  const blocks = [...head];
  const omitted: RunPlan[] = [];
  let used = head.join(SEP).length + 1;
  for (const run of busy) {
    const section = runSection(run, false);
    const room = maxChars - SEP.length - omittedNote([...omitted, ...busy.slice(busy.indexOf(run))]).length;
    if (omitted.length === 0 && used + SEP.length + section.length <= room) {
      blocks.push(section);
      used += SEP.length + section.length;
    } else omitted.push(run);
  }
  if (omitted.length > 0) blocks.push(omittedNote(omitted));
  const text = `${blocks.join(SEP)}\n`;
  // Only a maxChars smaller than the heading, summary and table can get here.
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(0, maxChars - 2))}…\n`;
}
