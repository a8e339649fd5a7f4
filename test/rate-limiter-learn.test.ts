/**
 * RateLimiter.learn: what a budget announced by the server does to the budgets in force. A higher
 * one for a window already in force changes nothing; a lower one replaces it; a new window is
 * added beside the others; fractions of a request round down, to at least one.
 */
import { describe, expect, it } from "vitest";
import { RateLimiter } from "../src/api/rate-limiter.js";

const limiter = () =>
  new RateLimiter({ requests: 10, perSeconds: 1 }, { now: () => 0, sleep: async () => {} });

describe("learning a budget", () => {
  it("ignores a higher budget for a window in force, takes a lower one", () => {
    const l = limiter();
    l.learn({ requests: 20, perSeconds: 1 });
    expect(l.budgets()).toEqual([{ limit: 10, ms: 1000 }]);
    l.learn({ requests: 10, perSeconds: 1 });
    expect(l.budgets()).toEqual([{ limit: 10, ms: 1000 }]);
    l.learn({ requests: 4, perSeconds: 1 });
    expect(l.budgets()).toEqual([{ limit: 4, ms: 1000 }]);
  });

  it("adds a new window beside the others, rounding requests down to at least one", () => {
    const l = limiter();
    l.learn({ requests: 2.7, perSeconds: 0.5 });
    l.learn({ requests: 0.2, perSeconds: 60 });
    l.learn({ requests: 3, perSeconds: 0 });
    expect(l.budgets()).toEqual([
      { limit: 10, ms: 1000 },
      { limit: 2, ms: 500 },
      { limit: 1, ms: 60_000 },
      { limit: 3, ms: 1 },
    ]);
  });
});

describe("a 429 under a window learned from bare 429s", () => {
  it("lengthens that window when the request was sent after it was learned, and only then", () => {
    let t = 0;
    const l = new RateLimiter({ requests: 10, perSeconds: 1 }, { now: () => t, sleep: async () => {} });
    expect(l.refusedWithinLearned(0)).toBe(false); // nothing learned from bare 429s
    t = 500;
    l.learn({ requests: 4, perSeconds: 2, moreThanSeconds: 1.9 });
    expect(l.refusedWithinLearned(499)).toBe(false); // sent before the window was learned
    expect(l.budgets()[1]).toEqual({ limit: 4, ms: 2000 });
    expect(l.refusedWithinLearned(500)).toBe(true);
    expect(l.budgets()[1]?.limit).toBe(4);
    expect(l.budgets()[1]?.ms).toBeGreaterThanOrEqual(2040);
  });
});
