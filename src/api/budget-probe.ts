import type { RateBudget } from "./rate-limiter.js";

/**
 * Learns a server's budget from what it does when its 429s say nothing about it (no
 * "Rate limit of N per S seconds" in the message): the requests it accepted before the 429 are
 * its budget N, and the first request accepted after the pause shows that the window has moved
 * on, so the window lasts at most from the first accepted request's send time to that answer.
 * Pacing to N per that span is safe (it can only overestimate the window) and stops the 429s
 * after the first one, instead of bursting into the limit every window. The last refused send
 * gives a lower bound (`moreThanSeconds`), from which the limiter narrows the window by trials
 * (window-refinement.ts).
 */
export class BudgetProbe {
  /** Send time of the first request accepted in the current stretch. */
  private start: number | undefined;
  private accepted = 0;
  private limited:
    | { readonly at: number; readonly start: number; accepted: number; lastRefusedSent: number }
    | undefined;

  /** Between a 429 without an announced budget and the first request accepted after it. */
  get probing(): boolean {
    return this.limited !== undefined;
  }

  /** A 429 without an announced budget arrived at `now` for a request sent at `sentAt`. */
  refused(now: number, sentAt: number = now): void {
    if (this.limited) {
      this.limited.lastRefusedSent = Math.max(this.limited.lastRefusedSent, sentAt);
      return;
    }
    // Sent before this stretch began: it was refused in an earlier window, and says nothing of this one.
    if (this.start === undefined || sentAt < this.start) return;
    this.limited = { at: now, start: this.start, accepted: this.accepted, lastRefusedSent: sentAt };
  }

  /** A request sent at `sentAt` was accepted (any status but 429), answered at `now`. */
  accept(sentAt: number, now: number): RateBudget | undefined {
    const limited = this.limited;
    if (limited && sentAt < limited.at) {
      // Sent before the 429 was seen: it counted in the same full window.
      limited.accepted++;
      return undefined;
    }
    if (limited) {
      this.limited = undefined;
      this.start = sentAt;
      this.accepted = 1;
      const seconds = (now - limited.start) / 1000;
      // Still refused when sent that long after the stretch began: the window is longer.
      const moreThanSeconds = Math.max(0, (limited.lastRefusedSent - limited.start) / 1000);
      return limited.accepted > 0 && seconds > 0
        ? { requests: limited.accepted, perSeconds: seconds, moreThanSeconds }
        : undefined;
    }
    this.start ??= sentAt;
    this.accepted++;
    return undefined;
  }
}
