/**
 * Choosing anchors: the longest subsequence of matched entries (in manifest order) whose live
 * positions strictly increase. Entries outside it are reported as out of order.
 */

/**
 * Marks a longest strictly increasing subsequence of `values`. O(n log n) (patience sorting).
 *
 * Tie-breaking (deterministic): among several longest subsequences, the one found by walking back
 * from the entry that last set the longest length's smallest tail, i.e. the one whose entries
 * have the smallest values, chosen from the end backwards.
 */
export function longestIncreasingSubsequence(values: readonly number[]): boolean[] {
  const n = values.length;
  /** tails[k]: index of the smallest last value of an increasing subsequence of length k + 1. */
  const tails: number[] = [];
  const previous = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const value = values[i]!;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[tails[mid]!]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const keep = new Array<boolean>(n).fill(false);
  let at = tails.length > 0 ? tails[tails.length - 1]! : -1;
  while (at >= 0) {
    keep[at] = true;
    at = previous[at]!;
  }
  return keep;
}
