import type { RateBudget } from "../api/rate-limiter.js";

/**
 * How many requests apply keeps in flight (contract §4 `parallelism`, §9.7, §12). A number is a
 * fixed upper bound. `auto` follows Little's law: to use a budget of R requests per second when
 * each takes L seconds, about R × L must be in flight; the limit is that with half again as much
 * for jitter, from the latency observed so far (the client's request times, measured from the
 * moment the rate limiter let each request go, so waiting for the budget does not count). Before
 * anything is observed it starts small, so a server whose budget is unknown sees a small first
 * burst. The client's rate limiter still paces every request; this only keeps enough in the air.
 */

export type Parallelism = number | "auto";

/** Latencies of finished requests (exponentially weighted), fed from the client's request events. */
export interface LatencyMeter {
  sample(ms: number): void;
  /** The weighted mean in ms, or undefined before the first sample. */
  current(): number | undefined;
}

export function createLatencyMeter(weight = 0.2): LatencyMeter {
  let mean: number | undefined;
  return {
    sample(ms) {
      if (!Number.isFinite(ms) || ms < 0) return;
      mean = mean === undefined ? ms : mean + weight * (ms - mean);
    },
    current: () => mean,
  };
}

export const AUTO_START = 4;
export const AUTO_MAX = 64;

/** The in-flight limit `auto` uses for a budget and a latency (ms; undefined = none seen yet). */
export function autoLimit(budget: RateBudget, latencyMs: number | undefined): number {
  if (latencyMs === undefined) return AUTO_START;
  const perMs = budget.requests / Math.max(1, budget.perSeconds * 1000);
  const needed = Math.ceil(perMs * latencyMs * 1.5) + 1;
  return Math.max(2, Math.min(AUTO_MAX, Math.floor(budget.requests), needed));
}

export interface InflightLimit {
  /** Runs `task` when a slot is free (first come, first served). */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** The limit now. */
  limit(): number;
}

export function createInflightLimit(
  parallelism: Parallelism,
  budget: RateBudget,
  latency: LatencyMeter,
): InflightLimit {
  const limit = () =>
    parallelism === "auto" ? autoLimit(budget, latency.current()) : Math.max(1, Math.floor(parallelism));
  let active = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    while (waiting.length > 0 && active < limit()) {
      active += 1;
      (waiting.shift() as () => void)();
    }
  };
  return {
    async run(task) {
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        next();
      });
      try {
        return await task();
      } finally {
        active -= 1;
        next();
      }
    },
    limit,
  };
}
