import type { WaitInfo } from "./apply-types.js";

/**
 * Remembers the latest waits (the client's rate limiter and retries, apply's own re-send backoff)
 * so the heartbeat can say what apply is waiting for.
 */
export interface WaitTracker {
  note(wait: WaitInfo): void;
  /** The wait that ends last among those not yet over at `nowMs`, if any. */
  current(nowMs: number): WaitInfo | undefined;
}

export function createWaitTracker(): WaitTracker {
  let waits: WaitInfo[] = [];
  return {
    note(wait) {
      waits.push(wait);
      if (waits.length > 64) waits = waits.slice(-32);
    },
    current(nowMs) {
      waits = waits.filter((w) => w.untilMs > nowMs);
      return waits.reduce<WaitInfo | undefined>(
        (a, w) => (a === undefined || w.untilMs > a.untilMs ? w : a),
        undefined,
      );
    },
  };
}
