/**
 * Apply output as text: one line per event (insertion started / done / failed, reconcile, retry,
 * heartbeat), a live progress line for terminals, and the final summary. Pure: returns strings.
 * The last line of a successful apply is public API:
 * `Apply complete! Job runs: N created in M requests.`
 */
import type {
  ApplyEvent,
  ApplyResult,
  FailedInsertion,
  ManifestEntryRef,
  NotAttempted,
  WaitReason,
} from "../apply/apply-types.js";
import { applySucceeded, rerunIsSafe } from "../apply/apply-types.js";

export { durationWords, renderProgressLine } from "./progress-line.js";

import { durationWords } from "./progress-line.js";
import { createStyle } from "./style.js";
import { bare, count, positionWords, quote } from "./words.js";

export interface ApplyTextOptions {
  readonly color: boolean;
}

/** The line that re-assures after any failure. */
/** When some outcome is unknown: a late commit could still land, so an immediate re-run could duplicate. */
export const RERUN_AFTER_SETTLE_LINE =
  "Some job runs are unverified (the API's answer was unclear and the run did not show them): check those runs in Workiva, or wait a few minutes for late commits to land, then re-run `jobsync apply` (it re-reads the runs first).";

/** Duplicates, missing job runs and runs that could not be verified, for the summary. */
function verificationLines(result: ApplyResult): string[] {
  const lines: string[] = [];
  const dup = result.verified.flatMap((v) =>
    v.duplicates.map((d) => `  ${bare(v.runId)}: ${d.action} ${quote(d.title)} ${ids(d.ids)}`),
  );
  if (dup.length > 0)
    lines.push("Duplicates (another writer or a late commit; delete the extra ones in Workiva):", ...dup);
  const missing = result.verified.flatMap((v) => v.missing.map((m) => `  ${bare(v.runId)}: ${bare(m.id)}`));
  if (missing.length > 0) lines.push("Created but no longer in the run:", ...missing);
  const unverified = result.unverifiedRuns.map((u) => `  ${bare(u.runId)}: ${bare(u.message)}`);
  if (unverified.length > 0) lines.push("Not verified:", ...unverified);
  return lines;
}

/** Duplicates older than this apply: a warning block (the API cannot delete job runs), or nothing. */
function olderDuplicateLines(result: ApplyResult): string[] {
  if (result.olderDuplicates.length === 0) return [];
  return [
    "Warning: duplicates older than this apply were left as they are (the API cannot delete job runs; remove the extra ones in Workiva):",
    ...result.olderDuplicates.map(
      (d) =>
        `  ${bare(d.runId)}: ${d.action} ${quote(d.title)} ${ids(d.jobRunIds)} (${bare(d.source.file)}:${d.source.line})`,
    ),
  ];
}

export const RERUN_SAFE_LINE =
  "Re-running `jobsync apply` is safe: it re-plans from the live runs and creates only what is still missing.";

export const WAIT_WORDS: Record<WaitReason, string> = {
  "rate-limit": "waiting for the rate limit",
  "server-429": "waiting after HTTP 429 (server rate limit)",
  retry: "waiting to retry a request",
  resend: "waiting to send again",
  settle: "watching for a late commit before sending again",
};

function ids(list: readonly string[]): string {
  return `[${list.map((id) => bare(id)).join(", ")}]`;
}

/** `HTTP 400: message`, unless the message already names the status. */
function statusWords(status: number | undefined, message: string): string {
  return status !== undefined && !message.includes(`HTTP ${status}`) ? `HTTP ${status}: ${message}` : message;
}

/** One line (or undefined: not shown in text) for an apply event. */
export function renderApplyEvent(e: ApplyEvent, options: ApplyTextOptions): string | undefined {
  const s = createStyle(options.color);
  const at = (e: { runId: string; index: number; of: number }) =>
    `${s.bold(bare(e.runId))} (${e.index}/${e.of})`;
  switch (e.type) {
    case "apply-start":
    case "waiting":
      return undefined;
    case "insertion-start":
      return `${at(e)}: Creating ${count(e.titles.length, "job run")} ${positionWords(e.explain)}...`;
    case "insertion-done": {
      const how = e.adopted ? " (found in place after an ambiguous failure)" : "";
      return `${at(e)}: ${s.green("Created")} ${count(e.createdIds.length, "job run")} after ${durationWords(e.ms)} ${ids(e.createdIds)}${how}`;
    }
    case "insertion-failed": {
      const partial =
        e.createdIds.length > 0 ? ` (${e.createdIds.length} created: ${ids(e.createdIds)})` : "";
      return `${at(e)}: ${s.red("Failed")} after ${durationWords(e.ms)}: ${statusWords(e.status, e.message)}${partial}${entryLines(e.entries, "  ")}`;
    }
    case "reconcile":
      return `${at(e)}: ${s.yellow(statusWords(e.status, e.message).replace(/\.$/, ""))}; it may have been applied: re-read the run, ${e.found} found in place, ${e.missing} missing`;
    case "retry":
      return `${at(e)}: sending ${count(e.jobs, "job run")} again in ${durationWords(e.delayMs)} (attempt ${e.attempt}, after ${e.reason})`;
    case "heartbeat": {
      const waiting = e.waitingFor
        ? `, ${WAIT_WORDS[e.waitingFor.reason]} (${durationWords(e.waitingFor.remainingMs)})`
        : "";
      return `Still applying... ${e.done}/${e.total} insertions done after ${durationWords(e.elapsedMs)}${waiting}`;
    }
    case "run-skipped":
      return `${s.bold(bare(e.runId))}: ${s.yellow("Skipping")} ${count(e.insertions, "remaining insertion")} (${e.reason === "interrupted" ? "apply was interrupted" : "an earlier insertion of this run failed"})`;
    case "verified": {
      const problems = [
        ...e.duplicates.map((d) =>
          s.red(
            `${bare(e.runId)}: ${d.action} ${quote(d.title)} now exists ${d.ids.length} times ${ids(d.ids)}`,
          ),
        ),
        ...e.missing.map((m) => s.red(`${bare(e.runId)}: created job run ${bare(m.id)} is not in the run`)),
        ...e.retitled.map(
          (r) =>
            `${bare(e.runId)}: the API stored job run ${bare(r.id)} as ${quote(r.stored)} (sent ${quote(r.sent)})`,
        ),
      ];
      return problems.length > 0 ? problems.join("\n") : undefined;
    }
    case "verify-failed":
      return s.red(`${bare(e.runId)}: ${bare(e.message)}`);
    case "interrupted":
      return s.yellow(
        `Interrupted: starting no new insertions; waiting for ${count(e.inFlight, "insertion")} in flight to finish.`,
      );
  }
}

/** The exact success line (also after an apply with nothing to do: 0 created in 0 requests). */
export function applyCompleteLine(result: Pick<ApplyResult, "createdCount" | "requests">): string {
  return `Apply complete! Job runs: ${result.createdCount} created in ${count(result.requests, "request")}.`;
}

function titlesWords(titles: readonly string[]): string {
  const shown = titles.slice(0, 3).map((t) => quote(t));
  return titles.length > 3 ? `${shown.join(", ")}, +${titles.length - 3} more` : shown.join(", ");
}

function failedLine(f: FailedInsertion): string {
  const why = f.outcome === "unverified" ? " (could not check whether it was applied)" : "";
  return `  ${bare(f.runId)} insertion ${f.index}/${f.of} (${titlesWords(f.titles)}): ${statusWords(f.status, f.message)}${why}${entryLines(f.entries, "    ")}`;
}

/** The manifest entries a refusal was about, one per line under it: `file:line: "title"`. */
function entryLines(entries: readonly ManifestEntryRef[] | undefined, indent: string): string {
  if (!entries || entries.length === 0) return "";
  return entries.map((e) => `\n${indent}${bare(e.file)}:${e.line}: ${quote(e.title)}`).join("");
}

function notAttemptedLine(n: NotAttempted): string {
  const why =
    n.reason === "interrupted" ? "apply was interrupted" : "an earlier insertion of this run failed";
  return `  ${bare(n.runId)} insertion ${n.index}/${n.of} (${titlesWords(n.titles)}): ${why}`;
}

/**
 * The summary after apply: the success line alone, or what failed and why, what was created (ids per
 * run), what was not attempted, and that re-running is safe.
 */
export function renderApplySummary(result: ApplyResult, options: ApplyTextOptions): string {
  const s = createStyle(options.color);
  const warnings = olderDuplicateLines(result).map((line, i) => (i === 0 ? s.yellow(line) : line));
  if (applySucceeded(result))
    return `${[...warnings, ...(warnings.length > 0 ? [""] : []), s.bold(s.green(applyCompleteLine(result)))].join("\n")}\n`;
  const lines: string[] = [];
  const head = result.interrupted ? "Apply interrupted" : "Apply failed";
  const failures =
    result.failed.length > 0
      ? `${count(result.failed.length, "insertion")} of ${result.planned.requests} failed`
      : result.notAttempted.length > 0
        ? "not every insertion was attempted"
        : "the verifying read found a problem";
  lines.push(s.bold(s.red(`${head}: ${failures}.`)), "");
  if (result.failed.length > 0) lines.push("Failed:", ...result.failed.map(failedLine));
  if (result.created.length > 0) {
    lines.push("Created:");
    for (const c of result.created)
      lines.push(`  ${bare(c.runId)}: ${count(c.jobRunIds.length, "job run")} ${ids(c.jobRunIds)}`);
  } else {
    lines.push("Created: nothing.");
  }
  if (result.notAttempted.length > 0)
    lines.push("Not attempted:", ...result.notAttempted.map(notAttemptedLine));
  lines.push(...verificationLines(result), ...warnings);
  lines.push(
    "",
    `Job runs: ${result.createdCount} of ${result.planned.jobs} created in ${count(result.requests, "request")}.`,
    rerunIsSafe(result) ? RERUN_SAFE_LINE : RERUN_AFTER_SETTLE_LINE,
  );
  return `${lines.join("\n")}\n`;
}
