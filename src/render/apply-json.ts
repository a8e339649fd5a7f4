/**
 * Apply output as JSON lines (`--format json`): the plan, then one object per event, then a
 * `summary` object. Every line is one complete JSON object with a `type`.
 */
import type { ApplyEvent, ApplyResult } from "../apply/apply-types.js";
import { applySucceeded, rerunIsSafe } from "../apply/apply-types.js";
import { safeJson } from "../diagnostics/terminal-safe.js";
import { planJsonLine } from "../plan/plan-file.js";
import type { Plan } from "../plan/plan-types.js";
import { applyCompleteLine, RERUN_AFTER_SETTLE_LINE, RERUN_SAFE_LINE } from "./apply-text.js";

/** Version of the apply event stream. */
export const APPLY_STREAM_VERSION = 1 as const;

/** `{"type":"plan","streamVersion":1,"plan":{…}}` + newline; the plan's keys as in the saved file. */
export function renderPlanLine(plan: Plan): string {
  return `{"type":"plan","streamVersion":${APPLY_STREAM_VERSION},"plan":${planJsonLine(plan)}}\n`;
}

/** One event as one JSON line. */
export function renderApplyEventJson(e: ApplyEvent): string {
  return `${safeJson(e)}\n`;
}

/** The final line: `{"type":"summary","ok":…,"message":…,…result}`. */
export function renderApplySummaryJson(result: ApplyResult): string {
  const ok = applySucceeded(result);
  const message = ok
    ? applyCompleteLine(result)
    : `${result.interrupted ? "Apply interrupted" : "Apply failed"}. ${rerunIsSafe(result) ? RERUN_SAFE_LINE : RERUN_AFTER_SETTLE_LINE}`;
  return `${safeJson({ type: "summary", ok, message, ...result })}\n`;
}

/** For an apply that had nothing to do. */
export function renderNoChangesJson(): string {
  const nothing = { createdCount: 0, requests: 0 };
  return `${safeJson({ type: "summary", ok: true, message: applyCompleteLine(nothing), ...nothing })}\n`;
}
