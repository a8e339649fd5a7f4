/**
 * The plan as Terraform-style text: per process run a `#` header, `+` insertions with their jobs,
 * `!` drift blocks, `^` out-of-order notices and the unmanaged count; then the summary line.
 *
 *   jobsync will perform the following actions:
 *
 *     # process run run-q4close "Q4 Close" (manifests/q4-close.yaml)
 *     + 1 job run after job run "Kickoff"
 *         + sendTask "Review Q4 financial report"  assignee=user123  dueDate=2024-12-15
 *     ! sendTask "Collect trial balance" has drifted (manifest -> live):  [manifests/q4-close.yaml:12]
 *         ~ dueDate: "2024-12-05" -> "2024-12-01"
 *
 *   Drift is reported only: jobsync never changes existing job runs.
 *   Plan: 1 job run to create in 1 request across 1 process run.
 */
import { type Diagnostic, formatDiagnostic } from "../diagnostics/diagnostic.js";
import type { Plan, RunPlan } from "../plan/plan-types.js";
import { renderFieldChange } from "./field-diff.js";
import { reviewRows } from "./review-model.js";
import { reviewLines, runChangeWords } from "./review-text.js";
import { createStyle, type Style, SYMBOLS } from "./style.js";
import {
  count,
  driftWords,
  insertionWords,
  jobWords,
  outOfOrderWords,
  reportOnlyNote,
  runIsQuiet,
  runStateWords,
  runWords,
  sourceWords,
  summaryLine,
  unmanagedWords,
} from "./words.js";

export interface PlanTextOptions {
  /** ANSI colours; the CLI sets this from the TTY, `--no-color` and `NO_COLOR`. */
  readonly color: boolean;
  /** Warnings (or errors) found while planning, shown above the summary line. */
  readonly diagnostics?: readonly Diagnostic[];
}

const INDENT = "  ";
const NESTED = "      ";

/** The lines of one process run's section: the review tree, or (plans without an outline) the insertions. */
export function runTextLines(run: RunPlan, style: Style): string[] {
  const rows = reviewRows(run);
  if (rows.length > 0) {
    const creates = run.insertions.reduce((n, i) => n + i.jobs.length, 0);
    const state = creates > 0 ? `: ${runChangeWords(creates, run.insertions.length)}` : runStateWords(run);
    const header = `${INDENT}${style.bold(`# ${runWords(run)}${state}`)}`;
    return [header, ...reviewLines(rows, { style, diff: false }), ...noticeLines(run, style)];
  }
  const lines = [`${INDENT}${style.bold(`# ${runWords(run)}${runStateWords(run)}`)}`];
  for (const insertion of run.insertions) {
    lines.push(`${INDENT}${style.green(SYMBOLS.create)} ${insertionWords(insertion)}`);
    for (const job of insertion.jobs) {
      lines.push(`${NESTED}${style.green(SYMBOLS.create)} ${jobWords(job)}`);
    }
  }
  return [...lines, ...noticeLines(run, style)];
}

/** Drift, out-of-order and unmanaged lines of one run (reported only). */
function noticeLines(run: RunPlan, style: Style): string[] {
  const lines: string[] = [];
  for (const drift of run.drift) {
    const where = style.dim(`[${sourceWords(drift.source)}]`);
    lines.push(`${INDENT}${style.yellow(SYMBOLS.drift)} ${driftWords(drift)}  ${where}`);
    for (const change of drift.changes) {
      lines.push(`${NESTED}${style.yellow(SYMBOLS.field)} ${renderFieldChange(change, style)}`);
    }
  }
  for (const item of run.outOfOrder) {
    const where = style.dim(`[${sourceWords(item.source)}]`);
    lines.push(`${INDENT}${style.yellow(SYMBOLS.outOfOrder)} ${outOfOrderWords(item)}  ${where}`);
  }
  if (run.unmanaged > 0) lines.push(`${INDENT}  ${style.dim(unmanagedWords(run.unmanaged))}`);
  return lines;
}

function introLine(plan: Plan): string | undefined {
  if (plan.summary.create > 0) return "jobsync will perform the following actions:";
  if (plan.processRuns.some((run) => !runIsQuiet(run))) {
    return "jobsync has nothing to create, but found the following:";
  }
  if (plan.processRuns.length > 0) return `jobsync checked ${count(plan.processRuns.length, "process run")}:`;
  return undefined;
}

function diagnosticLines(diagnostics: readonly Diagnostic[], style: Style): string[] {
  return diagnostics.map((d) => (d.severity === "error" ? style.red : style.yellow)(formatDiagnostic(d)));
}

/** The plan as text; the last line is the summary line (see `summaryLine`). Ends with "\n". */
export function renderPlanText(plan: Plan, options: PlanTextOptions): string {
  const style = createStyle(options.color);
  const lines: string[] = [];
  const intro = introLine(plan);
  if (intro !== undefined) {
    lines.push(intro);
    for (const run of plan.processRuns) lines.push("", ...runTextLines(run, style));
    lines.push("");
  }
  const diagnostics = options.diagnostics ?? [];
  if (diagnostics.length > 0) lines.push(...diagnosticLines(diagnostics, style), "");
  const note = reportOnlyNote(
    plan.processRuns.some((run) => run.drift.length > 0),
    plan.processRuns.some((run) => run.outOfOrder.length > 0),
  );
  if (note !== undefined) lines.push(note);
  lines.push(style.bold(summaryLine(plan.summary)));
  return `${lines.join("\n")}\n`;
}
