/** Sorted lists of times (the rate limiter's count times): search and ordered insert. */

/** Index of the first element strictly greater than `t` in a sorted array. */
export function lowerBoundAfter(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Inserts keeping order; releases arrive nearly in order, so this is O(1) amortised. */
export function insertSorted(sorted: number[], t: number): void {
  let i = sorted.length;
  while (i > 0 && (sorted[i - 1] as number) > t) i--;
  sorted.splice(i, 0, t);
}
