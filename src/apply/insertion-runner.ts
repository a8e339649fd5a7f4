/**
 * Performs one planned insertion, duplicate-safe:
 * - success: the ids come back;
 * - `rejected` (a 4xx that will not heal): stop, report it;
 * - `not-sent` (never reached the server): wait and send again;
 * - `maybe-applied` (5xx, timeout, reset): re-read the run, adopt the job runs that are in place,
 *   re-send only the missing ones next to them (see reconcile.ts).
 * Attempts (POSTs tried) are bounded per insertion.
 */
import type { InsertPosition, JobRunCreateItem, ProcessesApi } from "../api/api-types.js";
import { backoffMs } from "../api/retry-policy.js";
import { ApiError, type RequestOutcome } from "../diagnostics/errors.js";
import type { Insertion } from "../plan/plan-types.js";
import type { ApplyEvent, FailureOutcome, InsertionRef } from "./apply-types.js";
import { decideReconcile, itemTitle } from "./reconcile.js";
import type { WaitTracker } from "./wait-tracker.js";

export interface RunnerContext {
  readonly api: ProcessesApi;
  readonly emit: (e: ApplyEvent) => void;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  /** POSTs tried per insertion, re-sends included. */
  readonly maxAttempts: number;
  readonly waits: WaitTracker;
  readonly signal?: AbortSignal;
}

export type InsertionOutcome =
  | {
      readonly ok: true;
      readonly ids: readonly string[];
      readonly titles: readonly string[];
      readonly adopted: boolean;
      readonly requests: number;
    }
  | {
      readonly ok: false;
      /** Ids of the job runs of this insertion that do exist, in plan order. */
      readonly ids: readonly string[];
      readonly titles: readonly string[];
      readonly status?: number;
      readonly message: string;
      readonly outcome: FailureOutcome;
      readonly requests: number;
    };

/** Exactly what is sent for a planned job: the API's three fields, nothing the plan adds. */
export function toCreateItem(job: Insertion["jobs"][number]): JobRunCreateItem {
  return { action: job.action, arguments: job.arguments, triggerType: job.triggerType };
}

interface Step {
  readonly position: InsertPosition;
  /** Indexes into the insertion's items. */
  readonly indexes: readonly number[];
}

interface Failure {
  readonly status?: number;
  readonly message: string;
  readonly outcome: RequestOutcome;
}

function classify(error: unknown): Failure {
  if (error instanceof ApiError) {
    return { status: error.details.status, message: error.message, outcome: error.details.outcome };
  }
  // Unknown failures (not classified by the client) are treated as possibly applied: re-reading is safe.
  return { message: error instanceof Error ? error.message : String(error), outcome: "maybe-applied" };
}

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
  let attempts = 0;
  let requests = 0;
  let adopted = false;
  const existing = () => ids.filter((id): id is string => id !== null);
  const existingTitles = () => items.filter((_, i) => ids[i] !== null).map(itemTitle);
  const fail = (
    f: Failure | { status?: number; message: string; outcome: FailureOutcome },
  ): InsertionOutcome => ({
    ok: false,
    ids: existing(),
    titles: existingTitles(),
    status: f.status,
    message: f.message,
    outcome: f.outcome,
    requests,
  });

  while (queue.length > 0) {
    const step = queue.shift() as Step;
    attempts += 1;
    let failure: Failure;
    try {
      const created = await ctx.api.createJobRuns(
        ref.runId,
        step.position,
        step.indexes.map((i) => items[i] as JobRunCreateItem),
      );
      requests += 1;
      step.indexes.forEach((itemIndex, k) => {
        ids[itemIndex] = created[k]?.id ?? null;
      });
      continue;
    } catch (error) {
      failure = classify(error);
      if (failure.outcome !== "not-sent") requests += 1;
    }
    if (failure.outcome === "rejected") return fail(failure);

    let next: Step[] = [step];
    if (failure.outcome === "maybe-applied") {
      let live: Awaited<ReturnType<ProcessesApi["getProcessRun"]>>;
      try {
        live = await ctx.api.getProcessRun(ref.runId);
      } catch (error) {
        const why = classify(error);
        return fail({
          status: failure.status,
          message: `${failure.message}; could not re-read the run to check whether it was applied: ${why.message}`,
          outcome: "unverified",
        });
      }
      const stepItems = step.indexes.map((i) => items[i] as JobRunCreateItem);
      const decision = decideReconcile(stepItems, step.position, live);
      if (decision.kind === "unverifiable") {
        return fail({
          status: failure.status,
          message: `${failure.message}; ${decision.message}`,
          outcome: "unverified",
        });
      }
      decision.found.forEach((id, k) => {
        if (id !== null) ids[step.indexes[k] as number] = id;
      });
      const found = decision.found.filter((id) => id !== null).length;
      if (found > 0) adopted = true;
      ctx.emit({
        type: "reconcile",
        ...ref,
        status: failure.status,
        message: failure.message,
        found,
        missing: decision.found.length - found,
      });
      next = decision.resend.map((r) => ({
        position: r.position,
        indexes: r.indexes.map((k) => step.indexes[k] as number),
      }));
    }
    if (next.length === 0) continue;
    if (attempts >= ctx.maxAttempts) {
      return fail({ ...failure, message: `${failure.message} (gave up after ${attempts} attempts)` });
    }
    if (ctx.signal?.aborted) {
      return fail({ ...failure, message: `${failure.message} (not sent again: apply was interrupted)` });
    }
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
    if (ctx.signal?.aborted) {
      return fail({ ...failure, message: `${failure.message} (not sent again: apply was interrupted)` });
    }
    queue.unshift(...next);
  }
  return { ok: true, ids: existing(), titles: existingTitles(), adopted, requests };
}
