import { UserError } from "../diagnostics/errors.js";
import { RATE_LIMIT } from "./assumptions.js";
import { HttpProblem } from "./http-response.js";

/**
 * The server-side rate limit (§5): a sliding window per access token. Only requests that pass
 * authentication are counted (there is no token to charge otherwise), and refused (429) requests
 * are not counted. Token requests are not rate limited.
 */

export interface RateLimitSettings {
  readonly requests: number;
  readonly perSeconds: number;
  /** Send `Retry-After` on 429 (default true). */
  readonly retryAfter?: boolean;
  /** Name the limit and the wait in the 429 message (default true); false: a bare message. */
  readonly hints?: boolean;
}

/** §5: the default limit (assumptions.ts). */
export const DEFAULT_RATE_LIMIT: RateLimitSettings = RATE_LIMIT;

export class SlidingWindowLimiter {
  /** Per key, the times (ms) of the counted requests inside the window, oldest first. */
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly now: () => number,
  ) {}

  /** Counts one request for `key`, or throws HttpProblem(429) when the window is full. */
  take(key: string): void {
    const now = this.now();
    const windowMs = this.settings.perSeconds * 1000;
    let times = this.windows.get(key);
    if (!times) {
      times = [];
      this.windows.set(key, times);
    }
    while (times.length > 0 && times[0]! <= now - windowMs) times.shift();
    if (times.length < this.settings.requests) {
      times.push(now);
      return;
    }
    const retryIn = Math.max(1, Math.ceil((times[0]! + windowMs - now) / 1000));
    const { requests, perSeconds } = this.settings;
    throw new HttpProblem(
      429,
      this.settings.hints === false
        ? "Too many requests."
        : `Rate limit of ${requests} per ${perSeconds} seconds exceeded. Retry request in ${retryIn} seconds.`,
      this.settings.retryAfter === false ? {} : { headers: { "Retry-After": String(retryIn) } },
    );
  }
}

/** Parses `--rate-limit`: `N/Ss` (e.g. `1000/60s`) or `off`. Throws UserError. */
export function parseRateLimit(text: string): { requests: number; perSeconds: number } | false {
  if (/^(off|none)$/i.test(text.trim())) return false;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*s?\s*$/i.exec(text);
  const requests = Number(match?.[1]);
  const perSeconds = Number(match?.[2]);
  if (!match || requests < 1 || perSeconds < 1) {
    throw new UserError(
      `invalid --rate-limit "${text}"`,
      "Use N/Ss with N and S at least 1 (e.g. 1000/60s), or off.",
    );
  }
  return { requests, perSeconds };
}
