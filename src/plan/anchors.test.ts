import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { longestIncreasingSubsequence } from "./anchors.js";

/** O(n²) reference: length of the longest strictly increasing subsequence. */
function lisLength(values: readonly number[]): number {
  const best = values.map(() => 1);
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < i; j++) if (values[j]! < values[i]!) best[i] = Math.max(best[i]!, best[j]! + 1);
  }
  return Math.max(0, ...best);
}

describe("longestIncreasingSubsequence", () => {
  it("keeps everything when already in order and nothing for empty input", () => {
    expect(longestIncreasingSubsequence([0, 1, 5, 9])).toEqual([true, true, true, true]);
    expect(longestIncreasingSubsequence([])).toEqual([]);
  });

  it("drops the entry that contradicts live order", () => {
    expect(longestIncreasingSubsequence([2, 0, 1])).toEqual([false, true, true]);
    expect(longestIncreasingSubsequence([0, 3, 1, 2])).toEqual([true, false, true, true]);
  });

  it("breaks ties deterministically (smallest values from the end)", () => {
    expect(longestIncreasingSubsequence([1, 0])).toEqual([false, true]);
    expect(longestIncreasingSubsequence([0, 2, 1])).toEqual([true, false, true]);
  });

  it("treats equal values as not increasing", () => {
    expect(longestIncreasingSubsequence([1, 1, 1]).filter(Boolean)).toHaveLength(1);
  });

  it("returns a strictly increasing subsequence of maximum length", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 40 }), (values) => {
        const keep = longestIncreasingSubsequence(values);
        const kept = values.filter((_, i) => keep[i]);
        for (let i = 1; i < kept.length; i++) expect(kept[i]!).toBeGreaterThan(kept[i - 1]!);
        expect(kept.length).toBe(lisLength(values));
      }),
    );
  });
});
