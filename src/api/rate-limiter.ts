/**
 * One process-wide client-side rate limiter: a sliding window over the times the server counted
 * each request.
 *
 * A slot is held from `acquire()` until its `release()`, and then for one window after the time
 * the server counted the request. The server counts a request when it arrives, always between
 * our acquire and our release; `ArrivalEstimate` places it there (at the release until the
 * latency is known to be steady, then near the send), so the budget is used fully at any latency
 * without putting more than the budget into any server window. A 429 pauses every caller
 * (`pauseUntil`), and a budget learned from a 429 message (`learn`) is enforced on top of the
 * configured one.
 */
import { ARRIVAL_FLOOR_MS, ArrivalEstimate } from "./arrival-estimate.js";
import { insertSorted, lowerBoundAfter } from "./sorted-times.js";
import { WindowRefinement } from "./window-refinement.js";

/** Sleeps `ms`; rejects (or resolves early) when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RateBudget {
  readonly requests: number;
  readonly perSeconds: number;
  /** Learned from bare 429s: the window is known to be longer than this (it is then refined). */
  readonly moreThanSeconds?: number;
}

/** What a released request's answer said about the budget: accepted, a 429, or none (no answer). */
export type Outcome = "accepted" | "refused" | undefined;

/** Ends a request's hold on its slot; true when it was a trial of a learned window (a 429 then says only that). */
export type Release = (outcome?: Outcome) => boolean;

/** Emitted whenever a caller has to wait for the budget (for heartbeats); 429 pauses are not. */
export interface LimiterWait {
  readonly reason: "rate-limit";
  /** Clock time (ms) the wait is expected to end; Infinity while waiting for in-flight requests. */
  readonly untilMs: number;
}

export interface RateLimiterOptions {
  readonly now: () => number;
  readonly sleep: Sleep;
  readonly onWait?: (wait: LimiterWait) => void;
}

interface Window {
  readonly limit: number;
  readonly ms: number;
}

/** The configured budget minus a small safety margin (2% for budgets of 50 and more). */
export function effectiveLimit(requests: number): number {
  const n = Math.max(1, Math.floor(requests));
  return n >= 50 ? Math.floor(n * 0.98) : n;
}

export class RateLimiter {
  private readonly windows: Window[];
  /** Sorted count times of finished requests still inside the longest window. */
  private done: number[] = [];
  private inFlight = 0;
  private pausedUntil = 0;
  private halted: Error | undefined;
  /** While probing a server's unknown budget, one request at a time. */
  private probing = false;
  private queue: Promise<void> = Promise.resolve();
  private releaseWaiters: (() => void)[] = [];
  private readonly arrivals = new ArrivalEstimate();
  /** Latest count time of a request answered 429 (the server may not have counted it: no trial then). */
  private lastRefused = Number.NEGATIVE_INFINITY;
  /** A window learned from bare 429s, narrowed by trials (window-refinement.ts). */
  private refining:
    | { readonly limit: number; readonly refinement: WindowRefinement; readonly since: number }
    | undefined;

  constructor(
    budget: RateBudget,
    private readonly options: RateLimiterOptions,
  ) {
    this.windows = [{ limit: effectiveLimit(budget.requests), ms: Math.max(1, budget.perSeconds * 1000) }];
  }

  /**
   * Waits (first come, first served) until a request may be sent and takes a slot.
   * Call the returned function when the response (or error) has arrived.
   */
  acquire(signal?: AbortSignal): Promise<Release> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /**
   * Ends every wait: each caller waiting, and every later `acquire`, rejects with `error` (a
   * server asked for a wait past `api.maxWaitSeconds`: no new requests at all).
   */
  halt(error: Error): void {
    this.halted = error;
    this.wake();
  }

  /** Holds every caller until `timeMs` (a 429 pauses everyone). Never shortens a pause. */
  pauseUntil(timeMs: number): void {
    if (timeMs > this.pausedUntil) this.pausedUntil = timeMs;
    this.wake();
  }

  /**
   * After a 429 that says nothing: until `endProbe()`, at most one request is in flight, so each
   * probe of the server's window costs one 429 rather than one per parallel caller.
   */
  startProbe(): void {
    this.probing = true;
  }

  endProbe(): void {
    if (!this.probing) return;
    this.probing = false;
    this.wake();
  }

  /**
   * Adds (or tightens) a budget the server announced, e.g. "Rate limit of 10 per 1 seconds"; one
   * learned from bare 429s (`moreThanSeconds`) is refined to within 5 % by trials.
   */
  learn(budget: RateBudget): void {
    const ms = Math.max(1, budget.perSeconds * 1000);
    const limit = Math.max(1, Math.floor(budget.requests));
    if (budget.moreThanSeconds !== undefined && budget.moreThanSeconds * 1000 < ms) {
      const current = this.refining;
      if (!current || limit < current.limit || (limit === current.limit && ms < current.refinement.ms))
        this.refining = {
          limit,
          refinement: new WindowRefinement(budget.moreThanSeconds * 1000, ms),
          since: this.options.now(),
        };
      return;
    }
    const same = this.windows.findIndex((w) => w.ms === ms);
    if (same >= 0) {
      const existing = this.windows[same] as Window;
      if (limit < existing.limit) this.windows[same] = { limit, ms };
    } else {
      this.windows.push({ limit, ms });
    }
  }

  /**
   * A bare 429 for a request sent at `sentAt`: when a window learned from bare 429s was then in
   * force, the request kept to it, so that window is too short; it is lengthened (and true is
   * returned) rather than learned again from requests the server's window already held.
   */
  refusedWithinLearned(sentAt: number): boolean {
    const refining = this.refining;
    if (!refining || sentAt < refining.since) return false;
    refining.refinement.widen(this.noiseMs());
    return true;
  }

  /** The budgets in force (configured with margin, then learned), for tests and messages. */
  budgets(): readonly { readonly limit: number; readonly ms: number }[] {
    const all = this.windows.map((w) => ({ ...w }));
    return this.refining ? [...all, { limit: this.refining.limit, ms: this.refining.refinement.ms }] : all;
  }

  /** Earliest time a new request may start: `now` when free, Infinity when only a release can free one. */
  nextFreeAt(now: number): number {
    this.prune(now);
    const refining = this.refining;
    return this.freeAt(now, refining ? { limit: refining.limit, ms: refining.refinement.ms } : undefined);
  }

  /** When a trial of a shorter learned window could start, or undefined when none is to be made. */
  private trialAt(now: number): { readonly at: number; readonly ms: number } | undefined {
    const refining = this.refining;
    const ms = refining?.refinement.nextTrial(this.noiseMs());
    if (!refining || ms === undefined) return undefined;
    // A trial proves something only when every request in the window was one the server accepted.
    if (this.lastRefused > now - refining.refinement.ms) return undefined;
    return { at: this.freeAt(now, { limit: refining.limit, ms }), ms };
  }

  /** How far the server's count of a request may lie from ours (arrival-estimate.ts). */
  private noiseMs(): number {
    return ARRIVAL_FLOOR_MS + this.arrivals.spread();
  }

  private freeAt(now: number, extra: Window | undefined): number {
    if (this.probing && this.inFlight > 0) return Number.POSITIVE_INFINITY;
    let until = Math.max(this.pausedUntil, now);
    for (const w of extra ? [...this.windows, extra] : this.windows) {
      const first = lowerBoundAfter(this.done, now - w.ms);
      const recent = this.done.length - first;
      const used = this.inFlight + recent;
      if (used < w.limit) continue;
      const mustExpire = used - w.limit + 1;
      if (mustExpire > recent) return Number.POSITIVE_INFINITY;
      // +1 ms: the slot is free once strictly more than one window has passed since it was counted.
      until = Math.max(until, (this.done[first + mustExpire - 1] as number) + w.ms + 1);
    }
    return until;
  }

  private async waitForSlot(signal?: AbortSignal): Promise<Release> {
    const { now, sleep, onWait } = this.options;
    let lastUntil = Number.NaN;
    for (;;) {
      signal?.throwIfAborted();
      if (this.halted) throw this.halted;
      const t = now();
      const normal = this.nextFreeAt(t);
      if (normal <= t) return this.take();
      const trial = this.trialAt(t);
      if (trial && trial.at <= t) return this.take(trial.ms);
      const until = trial ? Math.min(normal, trial.at) : normal;
      // Waits that are only a 429 pause were reported by whoever set the pause.
      if (until !== lastUntil && until > this.pausedUntil) {
        lastUntil = until;
        onWait?.({ reason: "rate-limit", untilMs: until });
      }
      await this.waitUntil(until - t, signal, sleep);
    }
  }

  /** Sleeps `ms` (or until any release when ms is Infinity), waking early on a release or pause. */
  private async waitUntil(ms: number, signal: AbortSignal | undefined, sleep: Sleep): Promise<void> {
    const wake = new AbortController();
    let onWake: () => void = () => {};
    const woken = new Promise<void>((resolve) => {
      onWake = resolve;
      this.releaseWaiters.push(resolve);
    });
    const sleepSignal = signal ? AbortSignal.any([signal, wake.signal]) : wake.signal;
    const slept = Number.isFinite(ms) ? sleep(ms, sleepSignal) : untilAborted(sleepSignal);
    try {
      await Promise.race([slept, woken]);
    } catch (error) {
      if (signal?.aborted) throw error;
    } finally {
      wake.abort();
      slept.catch(() => undefined);
      this.releaseWaiters = this.releaseWaiters.filter((w) => w !== onWake);
    }
  }

  /** Takes a slot; `trialMs`: as the trial of that shorter learned window. */
  private take(trialMs?: number): Release {
    this.inFlight++;
    const sentAt = this.options.now();
    const refinement = trialMs === undefined ? undefined : this.refining?.refinement;
    if (refinement && trialMs !== undefined) refinement.start(trialMs);
    let released = false;
    return (outcome) => {
      if (released) return false;
      released = true;
      this.inFlight--;
      refinement?.settle(outcome, this.noiseMs());
      const countAt = this.arrivals.countAt(sentAt, this.options.now());
      insertSorted(this.done, countAt);
      if (outcome === "refused") this.lastRefused = Math.max(this.lastRefused, countAt);
      this.wake();
      return refinement !== undefined;
    };
  }

  private wake(): void {
    const waiters = this.releaseWaiters;
    this.releaseWaiters = [];
    for (const w of waiters) w();
  }

  private prune(now: number): void {
    const longest = Math.max(...this.windows.map((w) => w.ms), this.refining?.refinement.ms ?? 0);
    const keepFrom = lowerBoundAfter(this.done, now - longest);
    if (keepFrom > 1024 || keepFrom > this.done.length / 2) this.done = this.done.slice(keepFrom);
  }
}

/** A promise that only settles (rejects) when `signal` aborts. */
function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}
