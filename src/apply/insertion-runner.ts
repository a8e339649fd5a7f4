/**
 * Performs one planned insertion, duplicate-safe:
 * - success: the ids come back (a 201 whose list does not match what was sent is ambiguous);
 * - `rejected` (a 4xx that will not heal): stop, report it; but a 409 gets one re-read: on a run
 *   still running, what is in place is adopted and the rest sent once more (conflict.ts);
 * - `not-sent` (never reached the server): wait and send again;
 * - `maybe-applied` (5xx, timeout, reset): let the outcome settle (settle.ts: re-read over
 *   `api.settleSeconds`), adopt the job runs that are in place, re-send only the ones still
 *   absent after the window, next to them (reconcile.ts); an item is re-sent after an ambiguous
 *   outcome at most once, and a second ambiguous outcome leaves it unverified.
 * Attempts (POSTs tried) are bounded per insertion.
 */
import type { InsertPosition, JobRunCreateItem, ProcessesApi } from "../api/api-types.js";
import { backoffMs } from "../api/retry-policy.js";
import { ApiError, type RequestOutcome } from "../diagnostics/errors.js";
import type { Insertion } from "../plan/plan-types.js";
import type { ApplyEvent, FailureOutcome, InsertionRef } from "./apply-types.js";
import { checkConflict } from "./conflict.js";
import { itemTitle } from "./reconcile.js";
import { settleAmbiguous } from "./settle.js";
import type { WaitTracker } from "./wait-tracker.js";

export interface RunnerContext {
  readonly api: ProcessesApi;
  readonly emit: (e: ApplyEvent) => void;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  /** POSTs tried per insertion, re-sends included. */
  readonly maxAttempts: number;
  /** `api.settleSeconds` in ms. */
  readonly settleMs: number;
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

/** Why a 201 does not prove what it lists (count, distinct ids), or undefined when it does. */
function mismatch(created: readonly { id?: string }[], sent: number): string | undefined {
  const ids = created.map((c) => c.id).filter((id): id is string => typeof id === "string" && id !== "");
  if (created.length !== sent)
    return `the API answered 201 listing ${created.length} job runs for ${sent} sent`;
  if (ids.length !== sent) return "the API answered 201 without an id for every job run";
  if (new Set(ids).size !== ids.length) return "the API answered 201 with the same id twice";
  return undefined;
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

  /** Items already re-sent once after an ambiguous outcome (never a second time). */
  const resentAfterAmbiguity = new Set<number>();
  /** A 409 gets one re-read (and one re-send of what is absent), never a second. */
  let conflictChecked = false;
  while (queue.length > 0) {
    const step = queue.shift() as Step;
    const stepItems = step.indexes.map((i) => items[i] as JobRunCreateItem);
    attempts += 1;
    let failure: Failure;
    try {
      const created = await ctx.api.createJobRuns(ref.runId, step.position, stepItems);
      requests += 1;
      const odd = mismatch(created, stepItems.length);
      if (odd === undefined) {
        step.indexes.forEach((itemIndex, k) => {
          ids[itemIndex] = created[k]?.id ?? null;
        });
        continue;
      }
      failure = { status: 201, message: odd, outcome: "maybe-applied" };
    } catch (error) {
      failure = classify(error);
      if (failure.outcome !== "not-sent") requests += 1;
    }
    let next: Step[] = [step];
    if (failure.outcome === "rejected") {
      if (failure.status !== 409 || conflictChecked) return fail(failure);
      conflictChecked = true;
      const check = await checkConflict(ctx.api, ref.runId, stepItems, step.position);
      if (check.kind === "stop") return fail({ ...failure, message: `${failure.message}; ${check.message}` });
      check.found.forEach((id, k) => {
        if (id !== null) ids[step.indexes[k] as number] = id;
      });
      if (check.found.some((id) => id !== null)) adopted = true;
      next = check.resend.map((r) => ({
        position: r.position,
        indexes: r.indexes.map((k) => step.indexes[k] as number),
      }));
    }

    if (failure.outcome === "maybe-applied") {
      const settled = await settleAmbiguous(ref.runId, stepItems, step.position, ctx);
      settled.found.forEach((id, k) => {
        if (id !== null) ids[step.indexes[k] as number] = id;
      });
      const found = settled.found.filter((id) => id !== null).length;
      if (found > 0) adopted = true;
      if (settled.kind === "unverified") {
        ctx.emit({
          type: "reconcile",
          ...ref,
          status: failure.status,
          message: failure.message,
          found,
          missing: settled.found.length - found,
        });
        return fail({
          status: failure.status,
          message: `${failure.message}; ${settled.message}`,
          outcome: "unverified",
        });
      }
      ctx.emit({
        type: "reconcile",
        ...ref,
        status: failure.status,
        message: failure.message,
        found,
        missing: settled.found.length - found,
      });
      next = settled.resend.map((r) => ({
        position: r.position,
        indexes: r.indexes.map((k) => step.indexes[k] as number),
      }));
      const again = next.flatMap((n) => n.indexes).filter((i) => resentAfterAmbiguity.has(i));
      if (again.length > 0) {
        return fail({
          status: failure.status,
          message: `${failure.message}; ${again.length === 1 ? "a job run" : `${again.length} job runs`} already sent again once after an unclear answer did not appear (not sent a third time)`,
          outcome: "unverified",
        });
      }
      for (const n of next) for (const i of n.indexes) resentAfterAmbiguity.add(i);
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
