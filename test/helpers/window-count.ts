/**
 * Counting timestamps the way a sliding-window rate limit does, for the limiter and client tests.
 */

/**
 * The most of `times` inside any one window of `ms` that starts at one of them. By default the
 * window is half-open (`[t, t + ms)`: a slot is free again one window later, as a sliding-window
 * server counts); `"closed"` counts `[t, t + ms]` too (a slot is free only strictly after one
 * window). `times` need not be sorted.
 */
export function mostInWindow(
  times: readonly number[],
  ms: number,
  edge: "half-open" | "closed" = "half-open",
): number {
  const sorted = [...times].sort((a, b) => a - b);
  const outside = (span: number) => (edge === "closed" ? span > ms : span >= ms);
  let most = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (outside((sorted[hi] as number) - (sorted[lo] as number))) lo++;
    most = Math.max(most, hi - lo + 1);
  }
  return most;
}
