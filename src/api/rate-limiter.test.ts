import { describe, expect, it } from "vitest";
import { mostInWindow } from "../../test/helpers/window-count.js";
import { effectiveLimit, type LimiterWait, RateLimiter } from "./rate-limiter.js";

/** A virtual clock: sleeping advances it. */
function fakeTime() {
  let t = 1_000_000;
  const sleeps: number[] = [];
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
  };
}

describe("RateLimiter", () => {
  it("never lets more than the budget start in any window", async () => {
    const time = fakeTime();
    const waits: LimiterWait[] = [];
    const limiter = new RateLimiter(
      { requests: 5, perSeconds: 1 },
      { ...time, onWait: (w) => waits.push(w) },
    );
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 23 }, async () => {
        const release = await limiter.acquire();
        starts.push(time.now());
        release();
      }),
    );
    expect(starts).toHaveLength(23);
    expect(mostInWindow(starts, 1000)).toBe(5);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((w) => w.reason === "rate-limit" && w.untilMs > 1_000_000)).toBe(true);
    // Paced, not starved: 23 requests at 5 per second need a little over 4 windows.
    expect((starts.at(-1) as number) - (starts[0] as number)).toBeLessThan(4 * 1000 + 50);
  });

  it("counts a slot until one window after its release (in-flight requests hold slots)", async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ requests: 2, perSeconds: 1 }, time);
    const r1 = await limiter.acquire();
    const r2 = await limiter.acquire();
    expect(limiter.nextFreeAt(time.now())).toBe(Number.POSITIVE_INFINITY);
    let third = false;
    const pending = limiter.acquire().then((r) => {
      third = true;
      return r;
    });
    await Promise.resolve();
    expect(third).toBe(false);
    time.advance(300);
    const releasedAt = time.now();
    r1();
    const r3 = await pending;
    expect(time.now()).toBeGreaterThan(releasedAt + 1000);
    r2();
    r3();
  });

  it("pauses every caller until the pause ends (reported by the pauser, not here)", async () => {
    const time = fakeTime();
    const waits: LimiterWait[] = [];
    const limiter = new RateLimiter(
      { requests: 100, perSeconds: 60 },
      { ...time, onWait: (w) => waits.push(w) },
    );
    const until = time.now() + 7000;
    limiter.pauseUntil(until);
    limiter.pauseUntil(time.now() + 10); // never shortens
    const starts: number[] = [];
    await Promise.all(
      [1, 2, 3].map(async () => {
        const release = await limiter.acquire();
        starts.push(time.now());
        release();
      }),
    );
    for (const s of starts) expect(s).toBeGreaterThanOrEqual(until);
    expect(waits).toEqual([]);
  });

  it("enforces a learned budget on top of the configured one", async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ requests: 1000, perSeconds: 60 }, time);
    limiter.learn({ requests: 3, perSeconds: 2 });
    const starts: number[] = [];
    for (let i = 0; i < 10; i++) {
      const release = await limiter.acquire();
      starts.push(time.now());
      release();
    }
    expect(mostInWindow(starts, 2000)).toBe(3);
    expect(limiter.budgets()).toEqual([
      { limit: 980, ms: 60_000 },
      { limit: 3, ms: 2000 },
    ]);
  });

  it("keeps a 2% margin on large budgets only", () => {
    expect(effectiveLimit(1000)).toBe(980);
    expect(effectiveLimit(10)).toBe(10);
    expect(effectiveLimit(0)).toBe(1);
  });

  it("stops waiting when the signal aborts (also while only a release could free a slot)", async () => {
    const limiter = new RateLimiter(
      { requests: 1, perSeconds: 60 },
      {
        now: () => 0,
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => signal?.addEventListener("abort", () => reject(signal.reason))),
      },
    );
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
  });

  it("while probing, lets one request be in flight at a time", async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ requests: 100, perSeconds: 1 }, time);
    limiter.startProbe();
    const release = await limiter.acquire();
    let second = false;
    const next = limiter.acquire().then((r) => {
      second = true;
      return r;
    });
    await new Promise((resolve) => setImmediate(resolve)); // every pending promise has run
    expect(second).toBe(false);
    release();
    (await next)();
    expect(second).toBe(true);
    limiter.endProbe();
    const both = await Promise.all([limiter.acquire(), limiter.acquire()]);
    expect(both).toHaveLength(2);
  });
});
