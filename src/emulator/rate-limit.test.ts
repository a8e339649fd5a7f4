import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMIT, SlidingWindowLimiter } from "./rate-limit.js";

describe("SlidingWindowLimiter", () => {
  it("defaults to 1000 per 60 seconds with Retry-After", () => {
    let now = 5_000;
    const limiter = new SlidingWindowLimiter(DEFAULT_RATE_LIMIT, () => now);
    for (let i = 0; i < 1000; i++) limiter.take("token");
    now = 6_000;
    let problem: unknown;
    try {
      limiter.take("token");
    } catch (error) {
      problem = error;
    }
    expect(problem).toMatchObject({
      status: 429,
      message: "Rate limit of 1000 per 60 seconds exceeded. Retry request in 59 seconds.",
      extras: { headers: { "Retry-After": "59" } },
    });
    expect(() => limiter.take("other-token")).not.toThrow();
    now = 65_000;
    expect(() => limiter.take("token")).not.toThrow();
  });
});
