import { describe, expect, it } from "vitest";
import { estimateRemainingMs } from "./progress-eta.js";

describe("estimateRemainingMs", () => {
  const budget = [{ limit: 1000, ms: 60_000 }]; // one request per 60 ms

  it("paces the remaining requests at the tightest budget", () => {
    expect(
      estimateRemainingMs({ remainingRequests: 100, doneRequests: 0, elapsedMs: 0, budgets: budget }),
    ).toBe(6000);
    const learned = [...budget, { limit: 10, ms: 10_000 }]; // 1 per second, learned from a 429
    expect(
      estimateRemainingMs({ remainingRequests: 5, doneRequests: 0, elapsedMs: 0, budgets: learned }),
    ).toBe(5000);
  });

  it("uses the observed pace when it is slower than the budget (latency), and any wait in progress", () => {
    expect(
      estimateRemainingMs({ remainingRequests: 10, doneRequests: 10, elapsedMs: 5000, budgets: budget }),
    ).toBe(5000);
    expect(
      estimateRemainingMs({
        remainingRequests: 1,
        doneRequests: 10,
        elapsedMs: 1000,
        budgets: budget,
        waitRemainingMs: 30_000,
      }),
    ).toBe(30_000);
  });

  it("is 0 with nothing left, unknown with no budget and nothing done", () => {
    expect(estimateRemainingMs({ remainingRequests: 0, doneRequests: 3, elapsedMs: 10, budgets: [] })).toBe(
      0,
    );
    expect(estimateRemainingMs({ remainingRequests: 3, doneRequests: 0, elapsedMs: 10, budgets: [] })).toBe(
      undefined,
    );
  });
});
