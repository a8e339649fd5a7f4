import { describe, expect, it } from "vitest";
import {
  backoffMs,
  parseRateLimit,
  parseRetryAfter,
  parseRetryIn,
  pauseAfter429,
  RATE_CAP_MS,
} from "./retry-policy.js";

describe("retry policy", () => {
  it("backs off exponentially between half and all of the capped ceiling", () => {
    expect(backoffMs(0, () => 0, 250, 8000)).toBe(125);
    expect(backoffMs(0, () => 1, 250, 8000)).toBe(250);
    expect(backoffMs(3, () => 1, 250, 8000)).toBe(2000);
    expect(backoffMs(10, () => 1, 250, 8000)).toBe(8000);
    expect(backoffMs(100, () => 0.5, 250, 8000)).toBe(6000);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("7", 0)).toBe(7000);
    expect(parseRetryAfter(" 1.5 ", 0)).toBe(1500);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });

  it("reads the wait and the budget from the documented 429 message", () => {
    const message =
      "Rate limit of 1000 per 60 seconds exceeded for listJobs requests. Retry request in 10 seconds.";
    expect(parseRetryIn(message)).toBe(10_000);
    expect(parseRateLimit(message)).toEqual({ requests: 1000, perSeconds: 60 });
    expect(parseRateLimit("Rate limit of 5 per 1 second exceeded.")).toEqual({ requests: 5, perSeconds: 1 });
    expect(parseRateLimit("Too many requests")).toBeUndefined();
    expect(parseRetryIn("Too many requests")).toBeUndefined();
    // "sec" and "secs" as well as "seconds", in both messages.
    expect(parseRetryIn("Retry in 5 sec.")).toBe(5000);
    expect(parseRetryIn("Retry in 5 secs.")).toBe(5000);
    expect(parseRateLimit("Rate limit of 10 per 5 sec.")).toEqual({ requests: 10, perSeconds: 5 });
    expect(parseRateLimit("Rate limit of 10 per 5 secs.")).toEqual({ requests: 10, perSeconds: 5 });
  });

  it("prefers Retry-After, then the message's wait, then the announced budget, then backoff", () => {
    const msg = "Rate limit of 10 per 1 seconds exceeded. Retry request in 1 seconds.";
    expect(pauseAfter429("3", msg, 0, 0, () => 0.5)).toMatchObject({ waitMs: 3000, source: "retry-after" });
    expect(pauseAfter429(undefined, msg, 0, 0, () => 0.5)).toMatchObject({
      waitMs: 1000,
      source: "message",
      learned: { requests: 10, perSeconds: 1 },
    });
    // Budget only: one slot interval (100 ms), escalating, capped at the window.
    const budget = "Rate limit of 10 per 1 seconds exceeded.";
    expect(pauseAfter429(undefined, budget, 0, 0, () => 1)).toMatchObject({ waitMs: 100, source: "budget" });
    expect(pauseAfter429(undefined, budget, 2, 0, () => 1).waitMs).toBe(400);
    expect(pauseAfter429(undefined, budget, 9, 0, () => 1).waitMs).toBe(1000);
    // Nothing to go on: 0.5 s, 0.75 s, 1.125 s, … (growing by half) capped at a minute.
    expect(pauseAfter429(undefined, "slow down", 0, 0, () => 1)).toMatchObject({
      waitMs: 500,
      source: "backoff",
    });
    expect(pauseAfter429(undefined, "slow down", 2, 0, () => 1).waitMs).toBe(1125);
    expect(pauseAfter429(undefined, undefined, 20, 0, () => 1).waitMs).toBe(RATE_CAP_MS);
  });
});
