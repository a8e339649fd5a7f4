/**
 * Applies a plan (contract §9.7): every run at once, each run's insertions as soon as the ones
 * they wait for are done (run-schedule.ts: parts of a split gap in order; open places of a running
 * serial group in plan order; everything else at the same time), all of them through one in-flight
 * limit (inflight.ts: `parallelism`, or `auto` from the budget and the observed latency) and the
 * client's one rate limiter. Failures are results, not exceptions: a failed insertion stops its
 * run (nothing more is started there), other runs go on. An abort stops starting new insertions;
 * those in flight finish or settle. After a run's last write, one verifying read. The result is a
 * fold over the events (apply-result.ts).
 */
import type { ProcessesApi } from "../api/api-types.js";
import type { RateBudget } from "../api/rate-limiter.js";
import type { Plan, RunPlan } from "../plan/plan-types.js";
import { createResultBuilder } from "./apply-result.js";
import type { ApplyEvent, ApplyResult, InsertionRef, SkipReason } from "./apply-types.js";
import { startHeartbeat } from "./heartbeat.js";
import { createInflightLimit, createLatencyMeter, type LatencyMeter, type Parallelism } from "./inflight.js";
import { type RunnerContext, runInsertion } from "./insertion-runner.js";
import { itemTitle } from "./reconcile.js";
import { insertionDependencies } from "./run-schedule.js";
import { type CreatedInsertion, verifyRun } from "./verify-run.js";
import { createWaitTracker, type WaitTracker } from "./wait-tracker.js";

export interface ApplyOptions {
  /** Requests in flight at most: a number, or `auto` (budget × observed latency). */
  readonly parallelism: Parallelism;
  /** The client's rate budget, for `auto` (default 1000 per 60 s). */
  readonly budget?: RateBudget;
  /** Request latencies as the client observes them (fed from its request events), for `auto`. */
  readonly latency?: LatencyMeter;
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
  const results = createResultBuilder(plan);
  const emit = (e: ApplyEvent) => {
    lastProgress = now();
    results.add(e);
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
  const slots = createInflightLimit(
    options.parallelism,
    options.budget ?? { requests: 1000, perSeconds: 60 },
    options.latency ?? createLatencyMeter(),
  );
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

  /** The verifying read after the run's last write (verify-run.ts); skipped when interrupted. */
  const verify = async (run: RunPlan, done: readonly CreatedInsertion[]) => {
    if (done.length === 0 || options.signal?.aborted) return;
    try {
      const v = verifyRun(await slots.run(() => api.getProcessRun(run.id)), done);
      emit({ type: "verified", ...v });
    } catch (error) {
      const message = `could not re-read the run to verify it: ${error instanceof Error ? error.message : String(error)}`;
      emit({ type: "verify-failed", runId: run.id, message });
    }
  };

  /** One insertion: sent, classified, settled (insertion-runner.ts); false when it failed. */
  const insert = async (run: RunPlan, i: number, done: CreatedInsertion[]): Promise<boolean> => {
    const insertion = run.insertions[i];
    if (!insertion) return true;
    const ref: InsertionRef = { runId: run.id, index: i + 1, of: run.insertions.length };
    const started = now();
    inFlight += 1;
    emit({ type: "insertion-start", ...ref, titles: titles(run, i), explain: insertion.explain });
    const outcome = await runInsertion(ref, insertion, ctx);
    inFlight -= 1;
    finished += 1;
    if (outcome.ids.length > 0) done.push({ insertion, ids: outcome.ids, complete: outcome.ok });
    const ms = now() - started;
    const { requests } = outcome;
    if (outcome.ok) {
      emit({
        type: "insertion-done",
        ...ref,
        createdIds: outcome.ids,
        ms,
        adopted: outcome.adopted,
        requests,
      });
      return true;
    }
    const { status, message } = outcome;
    const entries = outcome.items?.flatMap((k) => {
      const job = insertion.jobs[k];
      return job ? [{ title: itemTitle(job), file: job.source.file, line: job.source.line }] : [];
    });
    emit({
      type: "insertion-failed",
      ...ref,
      ...(status === undefined ? {} : { status }),
      ...(entries && entries.length > 0 ? { entries } : {}),
      message,
      outcome: outcome.outcome,
      createdIds: outcome.ids,
      createdTitles: outcome.titles,
      ms,
      requests,
    });
    return false;
  };

  /** A run's insertions, each once those it waits for are done; a failure starts nothing more. */
  const applyRun = async (run: RunPlan) => {
    const deps = insertionDependencies(run);
    const done: CreatedInsertion[] = [];
    const skipped: { index: number; reason: SkipReason }[] = [];
    let failed = false;
    const tasks: Promise<void>[] = [];
    const skip = (i: number) => {
      skipped.push({ index: i + 1, reason: options.signal?.aborted ? "interrupted" : "after-failure" });
    };
    for (let i = 0; i < run.insertions.length; i += 1) {
      tasks[i] = (async () => {
        await Promise.all((deps[i] ?? []).map((j) => tasks[j]));
        if (failed || options.signal?.aborted) return skip(i);
        await slots.run(async () => {
          if (failed || options.signal?.aborted) return skip(i);
          if (!(await insert(run, i, done))) failed = true;
        });
      })();
    }
    await Promise.all(tasks);
    for (const reason of ["after-failure", "interrupted"] as const) {
      const indexes = skipped
        .filter((s) => s.reason === reason)
        .map((s) => s.index)
        .sort((a, b) => a - b);
      if (indexes.length > 0)
        emit({ type: "run-skipped", runId: run.id, reason, insertions: indexes.length, indexes });
    }
    await verify(run, done);
  };

  emit({ type: "apply-start", runs: runCount, insertions: total, jobs, parallelism: slots.limit() });
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
    await Promise.all(runs.map((run) => applyRun(run)));
  } finally {
    stopHeartbeat();
    options.signal?.removeEventListener("abort", onAbort);
  }

  return results.result();
}
