import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { insertSorted, lowerBoundAfter } from "./sorted-times.js";

const sortedTimes = fc
  .array(fc.integer({ min: 0, max: 50 }), { maxLength: 30 })
  .map((xs) => xs.sort((a, b) => a - b));

describe("sorted times, against the naive answers", () => {
  it("lowerBoundAfter is the index of the first time strictly after t", () => {
    fc.assert(
      fc.property(sortedTimes, fc.integer({ min: -1, max: 51 }), (times, t) => {
        const naive = times.findIndex((x) => x > t);
        expect(lowerBoundAfter(times, t)).toBe(naive < 0 ? times.length : naive);
      }),
    );
  });

  it("insertSorted keeps the list sorted and adds exactly the one time", () => {
    fc.assert(
      fc.property(sortedTimes, fc.integer({ min: -1, max: 51 }), (times, t) => {
        const list = [...times];
        insertSorted(list, t);
        expect(list).toEqual([...times, t].sort((a, b) => a - b));
      }),
    );
  });

  it("handles the edges: empty, before all, equal times, after all", () => {
    expect(lowerBoundAfter([], 5)).toBe(0);
    expect(lowerBoundAfter([1, 2, 2, 3], 2)).toBe(3);
    expect(lowerBoundAfter([1, 2, 3], 0)).toBe(0);
    expect(lowerBoundAfter([1, 2, 3], 3)).toBe(3);
    const list = [1, 3];
    insertSorted(list, 0);
    insertSorted(list, 2);
    insertSorted(list, 4);
    expect(list).toEqual([0, 1, 2, 3, 4]);
  });
});
