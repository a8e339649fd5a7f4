/**
 * Narrows a window learned from bare 429s (budget-probe.ts) to within 5 % of the server's. The
 * probe's window is an upper bound (`hi`: a request was accepted once that much time had passed)
 * and its 429s give a lower bound (`lo`). While they are more than 5 % apart, the limiter lets one
 * request go early, at the middle (a trial): accepted, the middle (plus 1 % for clock noise) is
 * the new upper bound and is used from then on; refused (one 429), it is the new lower bound. Only ever accepted windows are
 * enforced, so refining never sends more than the server accepted; each step costs at most one
 * 429, and a trial is only made when the window is full, so few are made. A 429 for a request
 * that kept to the enforced window (`widen`) means the counts lie further apart than the slack
 * allowed: the window grows by 2 % (or the noise) and is taken as refined.
 */

/** Refined once the upper bound is within this factor of the lower one. */
export const REFINED_WITHIN = 1.05;
/**
 * An accepted trial proves the window is at most its middle plus how far the server's count of
 * the oldest request and of the trial may lie from ours: 1 % of it, or the round trips' noise
 * (`noiseMs`, from the limiter's arrival estimate) when that is more, is kept on top.
 */
export const ACCEPTED_SLACK = 0.01;
/** How much a 429 within the enforced window lengthens it (`widen`). */
export const WIDEN_BY = 0.02;

const slackOf = (ms: number, noiseMs: number) => Math.max(Math.ceil(ms * ACCEPTED_SLACK), Math.ceil(noiseMs));

export class WindowRefinement {
  private trialMs: number | undefined;

  constructor(
    private lo: number,
    private hi: number,
  ) {}

  /** The window enforced: the shortest one the server has been seen to accept. */
  get ms(): number {
    return this.hi;
  }

  /** The window a trial would use, or undefined when refined or a trial is in flight. */
  nextTrial(noiseMs = 0): number | undefined {
    if (this.trialMs !== undefined || this.hi <= this.lo * REFINED_WITHIN) return undefined;
    const mid = Math.ceil((this.lo + this.hi) / 2);
    // No progress possible once an accepted middle (with its slack) would not shorten the window.
    return mid + slackOf(mid, noiseMs) < this.hi ? mid : undefined;
  }

  /** A trial request at `ms` was sent. */
  start(ms: number): void {
    this.trialMs = ms;
  }

  /** The trial's answer: accepted (any status but 429), refused (429), or none (a network error). */
  settle(outcome: "accepted" | "refused" | undefined, noiseMs = 0): void {
    const ms = this.trialMs;
    this.trialMs = undefined;
    if (ms === undefined || outcome === undefined) return;
    // A trial shorter than a window the server has since refused (answered after `widen`)
    // contradicts it: the refusal wins.
    if (outcome === "accepted") {
      if (ms >= this.lo) this.hi = Math.min(this.hi, ms + slackOf(ms, noiseMs));
    } else this.lo = Math.max(this.lo, ms);
  }

  /**
   * A request that kept to the enforced window was refused: the server's window is longer than
   * that (or its count of our requests lies further from ours than the slack): from now on the
   * window is 2 % (or the noise) longer, and no more trials are made.
   */
  widen(noiseMs = 0): void {
    const from = this.hi;
    this.hi = from + Math.max(Math.ceil(from * WIDEN_BY), Math.ceil(noiseMs));
    this.lo = Math.max(this.lo, from, Math.ceil(this.hi / REFINED_WITHIN));
  }
}
