/**
 * How long a 429 makes the client wait, and the budgets it reads from a 429's words: a
 * multi-digit Retry-After over real HTTP against the emulator (virtual clock), and the message
 * forms the API may use ("per N minutes", "per minute", "secs", "ms") read by the retry policy.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ProcessesClient } from "../src/api/client.js";
import { parseRateLimit, parseRetryAfter, parseRetryIn, pauseAfter429 } from "../src/api/retry-policy.js";
import type { ClientEvent } from "../src/api/waiting.js";
import { emulatorClient } from "./helpers/emulator-client.js";
import { startTestEmulator } from "./helpers/test-emulator.js";

const open: ProcessesClient[] = [];
afterEach(async () => {
  for (const client of open.splice(0)) await client.close();
});

describe("Retry-After over HTTP", () => {
  it.each([12, 120])("waits the %i s a 429's Retry-After asks for, then reads", async (seconds) => {
    let t = 1_000_000;
    const clock = {
      now: () => t,
      sleep: async (ms: number) => {
        t += Math.max(1, ms);
      },
    };
    const emulator = await startTestEmulator({ now: clock.now });
    emulator.injectFault({
      method: "GET",
      path: "/processes",
      kind: { type: "status-before", status: 429, retryAfter: seconds },
    });
    const waits: { reason: string; untilMs: number; at: number }[] = [];
    const client = emulatorClient(emulator.url, {
      ...clock,
      random: () => 0.5,
      onEvent: (e: ClientEvent) => {
        if (e.type === "waiting") waits.push({ reason: e.reason, untilMs: e.untilMs, at: t });
      },
    });
    open.push(client);
    const started = t;
    expect((await client.listProcesses()).length).toBeGreaterThan(0);
    // Only the server's pause is announced: the limiter's wait behind it is not a rate-limit wait.
    expect(waits.map((w) => [w.reason, w.untilMs - w.at])).toEqual([["server-429", seconds * 1000]]);
    expect(t - started).toBeGreaterThanOrEqual(seconds * 1000);
    expect(t - started).toBeLessThan(seconds * 1000 + 1000);
  });
});

describe("the words of a 429", () => {
  it("reads Retry-After with many digits, fractions, and dates in the past as no wait", () => {
    expect(parseRetryAfter("120", 0)).toBe(120_000);
    expect(parseRetryAfter("12.25", 0)).toBe(12_250);
    const now = Date.parse("2026-01-01T00:01:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(0);
    expect(parseRetryAfter("", 0)).toBeUndefined();
    expect(parseRetryAfter("12 seconds", 0)).toBeUndefined();
    // A date whose zone ends in digits is a date, not seconds.
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:01:30 +0000", now)).toBe(30_000);
  });

  it("reads budgets per N minutes, per minute, in secs and with 'requests'", () => {
    expect(parseRateLimit("Rate limit of 100 per 5 minutes exceeded.")).toEqual({
      requests: 100,
      perSeconds: 300,
    });
    expect(parseRateLimit("rate limit of 60 requests per minute")).toEqual({ requests: 60, perSeconds: 60 });
    expect(parseRateLimit("Rate limit of 20 request per 2 minute")).toEqual({
      requests: 20,
      perSeconds: 120,
    });
    expect(parseRateLimit("Rate limit of 250 per 30 secs")).toEqual({ requests: 250, perSeconds: 30 });
    expect(parseRateLimit("Rate limit of 12 per 1.5 seconds")).toEqual({ requests: 12, perSeconds: 1.5 });
    expect(parseRateLimit("Rate limit of 8 per 1.25 seconds")).toEqual({ requests: 8, perSeconds: 1.25 });
    expect(parseRateLimit("Rate limit of 1000 per 60s")).toEqual({ requests: 1000, perSeconds: 60 });
    expect(parseRateLimit("Rate limit of 0 per 60 seconds")).toBeUndefined();
    expect(parseRateLimit("Rate limit of 10 per 0 seconds")).toBeUndefined();
    expect(parseRateLimit("Rate limit of 10 per 5 hours")).toBeUndefined();
    expect(parseRateLimit(undefined)).toBeUndefined();
  });

  it("reads the wait in milliseconds, ms, secs and s", () => {
    expect(parseRetryIn("Retry request in 250 milliseconds.")).toBe(250);
    expect(parseRetryIn("retry in 1500 ms")).toBe(1500);
    expect(parseRetryIn("Retry in 12 secs.")).toBe(12_000);
    expect(parseRetryIn("Retry request in 2.5s")).toBe(2500);
    expect(parseRetryIn("Retry request in 2.25 s")).toBe(2250);
    expect(parseRetryIn("Retry request in 45 seconds.")).toBe(45_000);
    expect(parseRetryIn("Retry request in 5 minutes.")).toBeUndefined();
  });

  it("paces to a budget given per minutes: one slot of the window, growing, capped at the window", () => {
    const message = "Rate limit of 100 per 5 minutes exceeded.";
    expect(pauseAfter429(undefined, message, 0, 0, () => 1)).toEqual({
      waitMs: 3000,
      learned: { requests: 100, perSeconds: 300 },
      source: "budget",
    });
    expect(pauseAfter429(undefined, message, 1, 0, () => 0).waitMs).toBe(3000);
    expect(pauseAfter429(undefined, message, 30, 0, () => 1).waitMs).toBe(300_000);
    // A tiny slot is at least 10 ms.
    expect(pauseAfter429(undefined, "Rate limit of 1000 per 1 second", 0, 0, () => 1).waitMs).toBe(10);
  });
});
