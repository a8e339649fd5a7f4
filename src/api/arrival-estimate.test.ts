import { afterEach, describe, expect, it, vi } from "vitest";
import { mostInWindow } from "../../test/helpers/window-count.js";
import { ARRIVAL_FLOOR_MS, ArrivalEstimate, MIN_TRIPS } from "./arrival-estimate.js";
import { effectiveLimit, RateLimiter, type Sleep } from "./rate-limiter.js";

describe("ArrivalEstimate", () => {
  it("counts at the answer until enough round trips were seen", () => {
    const estimate = new ArrivalEstimate();
    for (let i = 0; i < MIN_TRIPS - 1; i++)
      expect(estimate.countAt(i * 1000, i * 1000 + 400)).toBe(i * 1000 + 400);
  });

  it("with steady round trips, counts near the send; never after the answer", () => {
    const estimate = new ArrivalEstimate();
    for (let i = 0; i < MIN_TRIPS; i++) estimate.countAt(0, 1000);
    expect(estimate.countAt(5000, 6000)).toBe(5000 + ARRIVAL_FLOOR_MS);
    expect(estimate.countAt(7000, 7010)).toBe(7010);
  });

  it("with jittery round trips, counts the send plus their spread", () => {
    const estimate = new ArrivalEstimate();
    for (let i = 0; i < MIN_TRIPS; i++) estimate.countAt(0, i % 2 === 0 ? 300 : 700);
    expect(estimate.spread()).toBe(400);
    expect(estimate.countAt(10_000, 10_700)).toBe(10_000 + ARRIVAL_FLOOR_MS + 400);
    expect(estimate.countAt(20_000, 20_300)).toBe(20_300);
  });
});

/** Sleeps on the global (faked) timers; node:timers/promises is not faked. */
function delay(ms: number, _value?: undefined, options?: { signal?: AbortSignal }): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    options?.signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(options.signal?.reason);
    });
  });
}

/**
 * A server with a sliding window that counts each request `upMs(i)` after it was sent and
 * answers `tripMs(i)` after it was sent; the limiter runs on fake timers.
 */
async function simulate(options: {
  requests: number;
  budget: { requests: number; perSeconds: number };
  upMs: (i: number) => number;
  tripMs: (i: number) => number;
  inFlight: number;
}): Promise<{ arrivals: number[]; endMs: number }> {
  const sleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });
  const limiter = new RateLimiter(options.budget, { now: Date.now, sleep });
  const start = Date.now();
  const arrivals: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.requests) {
      const i = next++;
      const release = await limiter.acquire();
      const sent = Date.now();
      setTimeout(() => arrivals.push(sent - start + options.upMs(i)), options.upMs(i));
      await delay(options.tripMs(i));
      release();
    }
  };
  const done = Promise.all(Array.from({ length: options.inFlight }, worker));
  await vi.runAllTimersAsync();
  await done;
  return { arrivals: arrivals.sort((a, b) => a - b), endMs: Date.now() - start };
}

describe("RateLimiter with arrival estimates", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("at 1 s steady latency uses a 100-per-6-s budget almost fully, never over it", async () => {
    vi.useFakeTimers();
    const budget = { requests: 100, perSeconds: 6 };
    const { arrivals, endMs } = await simulate({
      requests: 500,
      budget,
      upMs: () => 5,
      tripMs: () => 1000,
      inFlight: 30,
    });
    expect(mostInWindow(arrivals, 6000)).toBeLessThanOrEqual(100);
    // 500 requests at 98 per window need 5 windows after the first; counting at the answer
    // would hold each slot 7 s (about 5.1 * 7 s = 36 s).
    expect(endMs).toBeLessThan(5.2 * 6000 + 1000);
  });

  it("with jittery latency stays within the budget where counting at the send would not", async () => {
    vi.useFakeTimers();
    const budget = { requests: 20, perSeconds: 2 };
    // The server counts a request between 0 and 600 ms after its send; round trips 100-700 ms.
    const up = (i: number) => ((i * 7919) % 13) * 50;
    const run = await simulate({ requests: 300, budget, upMs: up, tripMs: (i) => up(i) + 100, inFlight: 12 });
    expect(mostInWindow(run.arrivals, 2000)).toBeLessThanOrEqual(effectiveLimit(budget.requests));
  });
});
