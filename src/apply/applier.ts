/**
 * Applies a plan: process runs in parallel (p-limit, `parallelism`), each run's insertions one after
 * another in plan order (later positions assume the earlier ones). All requests go through the one
 * client, hence its one rate limiter. Failures are results, not exceptions: a failed insertion stops
 * its run, other runs go on. An abort stops starting new insertions; those in flight finish or are
 * reconciled.
 */
import pLimit from "p-limit";
import type { ProcessesApi } from "../api/api-types.js";
import type { Plan, RunPlan } from "../plan/plan-types.js";
import type {
  ApplyEvent,
  ApplyResult,
  CreatedInRun,
  FailedInsertion,
  InsertionRef,
  NotAttempted,
  SkipReason,
} from "./apply-types.js";
import { startHeartbeat } from "./heartbeat.js";
import { type RunnerContext, runInsertion } from "./insertion-runner.js";
import { itemTitle } from "./reconcile.js";
import { type CreatedInsertion, type RunVerification, verifyRun } from "./verify-run.js";
import { createWaitTracker, type WaitTracker } from "./wait-tracker.js";

export interface ApplyOptions {
  /** Process runs worked on at once. */
  readonly parallelism: number;
  readonly onEvent?: (e: ApplyEvent) => void;
  /** Abort = stop starting new insertions (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Epoch ms; default Date.now. */
  readonly now?: () => number;
  /** Default: a timer, ended early by the signal. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  /** POSTs tried per insertion, re-sends included (default 5). */
  readonly maxAttempts?: number;
  /** How long an ambiguous POST is watched for a late commit (`api.settleSeconds`; default 35 000 ms). */
  readonly settleMs?: number;
  /** Shared with the client's `onEvent` so heartbeats can say what apply waits for. */
  readonly waits?: WaitTracker;
  /** Heartbeat after this long without progress (default 10 000 ms; 0 turns it off). */
  readonly heartbeatMs?: number;
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

function titles(run: RunPlan, index: number): string[] {
  return (run.insertions[index]?.jobs ?? []).map(itemTitle);
}

/** Performs every insertion of `plan` through `api`; never throws for API failures. */
export async function applyPlan(plan: Plan, api: ProcessesApi, options: ApplyOptions): Promise<ApplyResult> {
  const now = options.now ?? Date.now;
  const emit = (e: ApplyEvent) => {
    lastProgress = now();
    options.onEvent?.(e);
  };
  const runs = plan.processRuns.filter((r) => r.insertions.length > 0);
  // Saved plans are checked against their runs on load (plan-file.ts), so the summary is exact.
  const { create: jobs, requests: total, processRuns: runCount } = plan.summary;
  const waits = options.waits ?? createWaitTracker();
  const ctx: RunnerContext = {
    api,
    emit,
    now,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    maxAttempts: Math.max(1, options.maxAttempts ?? 5),
    settleMs: Math.max(0, options.settleMs ?? 35_000),
    waits,
    signal: options.signal,
  };

  const created = new Map<string, { ids: string[]; titles: string[] }>();
  const failed: FailedInsertion[] = [];
  const notAttempted: NotAttempted[] = [];
  let requests = 0;
  let finished = 0;
  let inFlight = 0;
  let lastProgress = now();
  let interrupted = false;

  const onAbort = () => {
    if (interrupted) return;
    interrupted = true;
    emit({ type: "interrupted", inFlight });
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });

  const skipRest = (run: RunPlan, from: number, reason: SkipReason) => {
    if (from >= run.insertions.length) return;
    for (let i = from; i < run.insertions.length; i += 1) {
      notAttempted.push({
        runId: run.id,
        index: i + 1,
        of: run.insertions.length,
        titles: titles(run, i),
        reason,
      });
    }
    emit({ type: "run-skipped", runId: run.id, reason, insertions: run.insertions.length - from });
  };

  const record = (run: RunPlan, ids: readonly string[], createdTitles: readonly string[]) => {
    if (ids.length === 0) return;
    const entry = created.get(run.id) ?? { ids: [], titles: [] };
    entry.ids.push(...ids);
    entry.titles.push(...createdTitles);
    created.set(run.id, entry);
  };

  const verified: RunVerification[] = [];
  const unverifiedRuns: { runId: string; message: string }[] = [];
  /** The verifying read after the run's last write (verify-run.ts); skipped when interrupted. */
  const verify = async (run: RunPlan, done: readonly CreatedInsertion[]) => {
    if (done.length === 0 || options.signal?.aborted) return;
    try {
      const v = verifyRun(await api.getProcessRun(run.id), done);
      verified.push(v);
      emit({ type: "verified", ...v });
    } catch (error) {
      const message = `could not re-read the run to verify it: ${error instanceof Error ? error.message : String(error)}`;
      unverifiedRuns.push({ runId: run.id, message });
      emit({ type: "verify-failed", runId: run.id, message });
    }
  };

  const applyRun = async (run: RunPlan) => {
    const done: CreatedInsertion[] = [];
    await writeRun(run, done);
    await verify(run, done);
  };

  const writeRun = async (run: RunPlan, done: CreatedInsertion[]) => {
    const of = run.insertions.length;
    for (let i = 0; i < of; i += 1) {
      if (options.signal?.aborted) return skipRest(run, i, "interrupted");
      const insertion = run.insertions[i];
      if (!insertion) continue;
      const ref: InsertionRef = { runId: run.id, index: i + 1, of };
      const started = now();
      inFlight += 1;
      emit({ type: "insertion-start", ...ref, titles: titles(run, i), explain: insertion.explain });
      const outcome = await runInsertion(ref, insertion, ctx);
      inFlight -= 1;
      finished += 1;
      requests += outcome.requests;
      record(run, outcome.ids, outcome.titles);
      if (outcome.ids.length > 0) done.push({ insertion, ids: outcome.ids, complete: outcome.ok });
      const ms = now() - started;
      if (outcome.ok) {
        emit({
          type: "insertion-done",
          ...ref,
          createdIds: outcome.ids,
          ms,
          adopted: outcome.adopted,
          requests: outcome.requests,
        });
        continue;
      }
      const { status, message } = outcome;
      failed.push({ ...ref, titles: titles(run, i), status, message, outcome: outcome.outcome });
      emit({
        type: "insertion-failed",
        ...ref,
        status,
        message,
        outcome: outcome.outcome,
        createdIds: outcome.ids,
        ms,
      });
      return skipRest(run, i + 1, "after-failure");
    }
  };

  emit({ type: "apply-start", runs: runCount, insertions: total, jobs, parallelism: options.parallelism });
  const stopHeartbeat = startHeartbeat({
    everyMs: options.heartbeatMs ?? 10_000,
    now,
    quietSince: () => lastProgress,
    beat: (elapsedMs) => {
      const wait = waits.current(now());
      emit({
        type: "heartbeat",
        elapsedMs,
        done: finished,
        total,
        ...(wait
          ? { waitingFor: { reason: wait.reason, remainingMs: Math.max(0, wait.untilMs - now()) } }
          : {}),
      });
    },
  });
  try {
    const limit = pLimit(Math.max(1, options.parallelism));
    await Promise.all(runs.map((run) => limit(() => applyRun(run))));
  } finally {
    stopHeartbeat();
    options.signal?.removeEventListener("abort", onAbort);
  }

  const createdList: CreatedInRun[] = runs
    .filter((r) => created.has(r.id))
    .map((r) => {
      const entry = created.get(r.id) as { ids: string[]; titles: string[] };
      return { runId: r.id, jobRunIds: entry.ids, titles: entry.titles };
    });
  return {
    created: createdList,
    createdCount: createdList.reduce((n, c) => n + c.jobRunIds.length, 0),
    requests,
    failed,
    notAttempted,
    interrupted,
    planned: { jobs, requests: total, runs: runCount },
    verified,
    unverifiedRuns,
  };
}
