/**
 * Retry timing: capped exponential backoff with jitter, and how long a 429 should pause
 * everyone (Retry-After, the message's "Retry request in N seconds", a budget announced as
 * "Rate limit of N per S seconds", else backoff).
 */

import type { RateBudget } from "./rate-limiter.js";

/** Tries of a GET (or token request) on 5xx / network errors / timeouts, first one included. */
export const MAX_TRIES = 5;
/** 429 answers tolerated per request before giving up. */
export const MAX_429_TRIES = 12;
export const RETRY_BASE_MS = 250;
export const RETRY_CAP_MS = 8000;
/**
 * Pauses after 429s that say nothing about when to come back: one request probes at a time
 * (see RateLimiter.probe), growing by half each time, so the first success comes soon after the
 * server's window has moved on (the budget learned from it is at most about 1.5x too slow).
 */
export const RATE_BASE_MS = 500;
export const RATE_GROWTH = 1.5;
export const RATE_CAP_MS = 60_000;

/** "Equal jitter": between half and all of min(cap, base * growth^attempt). attempt is 0-based. */
export function backoffMs(
  attempt: number,
  random: () => number,
  baseMs: number,
  capMs: number,
  growth = 2,
): number {
  const ceiling = Math.min(capMs, baseMs * growth ** Math.min(attempt, 60));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** `Retry-After` as milliseconds from now (delta-seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** "Retry request in 10 seconds" -> 10000. */
export function parseRetryIn(message: string | undefined): number | undefined {
  const m = message?.match(/retry (?:request )?in (\d+(?:\.\d+)?) ?(milliseconds|ms|seconds|secs?|s)\b/i);
  if (!m) return undefined;
  const n = Number(m[1]);
  return /^m/i.test(m[2] as string) ? Math.round(n) : Math.round(n * 1000);
}

/** "Rate limit of 1000 per 60 seconds" -> { requests: 1000, perSeconds: 60 }. */
export function parseRateLimit(message: string | undefined): RateBudget | undefined {
  const m = message?.match(
    /rate limit of (\d+) (?:requests? )?per (\d+(?:\.\d+)?)? ?(seconds?|secs?|minutes?|s)\b/i,
  );
  if (!m) return undefined;
  const requests = Number(m[1]);
  const amount = m[2] === undefined ? 1 : Number(m[2]);
  const perSeconds = /^min/i.test(m[3] as string) ? amount * 60 : amount;
  return requests > 0 && perSeconds > 0 ? { requests, perSeconds } : undefined;
}

export interface Pause429 {
  /** How long everyone waits from now (ms). */
  readonly waitMs: number;
  /** A budget the server announced, for the limiter to learn. */
  readonly learned?: RateBudget;
  /** Where the wait came from, for events. */
  readonly source: "retry-after" | "message" | "budget" | "backoff";
}

/**
 * The pause after the `attempt`-th (0-based) consecutive 429 of one request. With an announced
 * budget the limiter paces to it; the pause then only adds one escalating slot interval, so a
 * window we cannot see (requests made before we started) drains without hammering.
 */
export function pauseAfter429(
  retryAfter: string | undefined,
  message: string | undefined,
  attempt: number,
  nowMs: number,
  random: () => number,
): Pause429 {
  const learned = parseRateLimit(message);
  const fromHeader = parseRetryAfter(retryAfter, nowMs);
  if (fromHeader !== undefined) return { waitMs: fromHeader, learned, source: "retry-after" };
  const fromMessage = parseRetryIn(message);
  if (fromMessage !== undefined) return { waitMs: fromMessage, learned, source: "message" };
  if (learned) {
    const windowMs = learned.perSeconds * 1000;
    const slotMs = Math.max(10, windowMs / learned.requests);
    return { waitMs: backoffMs(attempt, random, slotMs, windowMs), learned, source: "budget" };
  }
  return { waitMs: backoffMs(attempt, random, RATE_BASE_MS, RATE_CAP_MS, RATE_GROWTH), source: "backoff" };
}
