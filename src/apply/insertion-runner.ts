/**
 * Performs one planned insertion, duplicate-safe, step by step: send (send-step.ts: a 201 that
 * does not match what was sent is ambiguous), recover (recover-step.ts: not-sent → again;
 * maybe-applied → settle, adopt, re-send only what is still absent, at most once; rejected →
 * stop, a 409 after one re-read), pause before any re-send (backoff, ended by Ctrl-C).
 * Attempts (POSTs tried) are bounded per insertion.
 */
import type { InsertPosition, JobRunCreateItem } from "../api/api-types.js";
import { backoffMs } from "../api/retry-policy.js";
import type { Insertion } from "../plan/plan-types.js";
import type { FailureOutcome, InsertionRef } from "./apply-types.js";
import { itemTitle } from "./reconcile.js";
import { type RecoveryMemory, recoverStep } from "./recover-step.js";
import type { RunnerContext } from "./runner-context.js";
import { type Step, sendStep, toCreateItem } from "./send-step.js";

export type { RunnerContext } from "./runner-context.js";
export { toCreateItem } from "./send-step.js";

export type InsertionOutcome =
  | {
      readonly ok: true;
      readonly ids: readonly string[];
      readonly adopted: boolean;
      readonly requests: number;
    }
  | {
      readonly ok: false;
      /** Ids and titles of the job runs of this insertion that do exist, in plan order. */
      readonly ids: readonly string[];
      readonly titles: readonly string[];
      readonly status?: number;
      readonly message: string;
      readonly outcome: FailureOutcome;
      readonly requests: number;
      /** The insertion's items a 400 named, by index (send-step.ts). */
      readonly items?: readonly number[];
    };

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8000;

/**
 * Exponential backoff with jitter for apply's own re-sends after the `attempt`-th (1-based) POST:
 * ~0.5 s, 1 s, 2 s, … up to 8 s.
 */
export function resendDelay(attempt: number, random: () => number): number {
  return backoffMs(Math.max(0, attempt - 1), random, BASE_DELAY_MS, MAX_DELAY_MS);
}

export async function runInsertion(
  ref: InsertionRef,
  insertion: Insertion,
  ctx: RunnerContext,
): Promise<InsertionOutcome> {
  const items = insertion.jobs.map(toCreateItem);
  const ids: (string | null)[] = items.map(() => null);
  const position: InsertPosition = {
    parentGroupId: insertion.parentGroupId,
    relativeSiblingId: insertion.relativeSiblingId,
    before: insertion.before,
  };
  const queue: Step[] = [{ position, indexes: items.map((_, i) => i) }];
  const memory: RecoveryMemory = { conflictChecked: false, resentAfterAmbiguity: new Set() };
  let attempts = 0;
  let requests = 0;
  let adopted = false;
  const existing = () => ids.filter((id): id is string => id !== null);
  const existingTitles = () => items.filter((_, i) => ids[i] !== null).map(itemTitle);
  const fail = (f: {
    status?: number;
    message: string;
    outcome: FailureOutcome;
    items?: readonly number[];
  }): InsertionOutcome => ({
    ok: false,
    ids: existing(),
    titles: existingTitles(),
    ...(f.status === undefined ? {} : { status: f.status }),
    ...(f.items === undefined ? {} : { items: f.items }),
    message: f.message,
    outcome: f.outcome,
    requests,
  });

  while (queue.length > 0) {
    const step = queue.shift() as Step;
    const stepItems = step.indexes.map((i) => items[i] as JobRunCreateItem);
    attempts += 1;
    const answer = await sendStep(ctx.api, ref.runId, step, stepItems);
    if (answer.kind === "created" || answer.sent) requests += 1;
    if (answer.kind === "created") {
      step.indexes.forEach((itemIndex, k) => {
        ids[itemIndex] = answer.ids[k] ?? null;
      });
      continue;
    }
    const { failure } = answer;
    const recovery = await recoverStep(ref, step, stepItems, failure, ids, memory, ctx);
    if (recovery.kind === "stop") return fail(recovery);
    adopted ||= recovery.adopted;
    if (recovery.next.length === 0) continue;
    if (attempts >= ctx.maxAttempts) {
      return fail({ ...failure, message: `${failure.message} (gave up after ${attempts} attempts)` });
    }
    if (!(await pauseBeforeResend(ref, attempts, recovery.next, failure, ctx))) {
      return fail({ ...failure, message: `${failure.message} (not sent again: apply was interrupted)` });
    }
    queue.unshift(...recovery.next);
  }
  return { ok: true, ids: existing(), adopted, requests };
}

/** The backoff before a re-send, announced; false when apply was interrupted (before or during it). */
async function pauseBeforeResend(
  ref: InsertionRef,
  attempts: number,
  next: readonly Step[],
  failure: { readonly status?: number; readonly message: string },
  ctx: RunnerContext,
): Promise<boolean> {
  if (ctx.signal?.aborted) return false;
  const delayMs = resendDelay(attempts, ctx.random);
  ctx.emit({
    type: "retry",
    ...ref,
    attempt: attempts + 1,
    delayMs,
    jobs: next.reduce((n, s) => n + s.indexes.length, 0),
    reason: failure.status !== undefined ? `HTTP ${failure.status}` : failure.message,
  });
  ctx.waits.note({ reason: "resend", untilMs: ctx.now() + delayMs });
  await ctx.sleep(delayMs, ctx.signal);
  return !ctx.signal?.aborted;
}
