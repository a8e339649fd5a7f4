import { describe, expect, it } from "vitest";
import { deepEqual } from "./drift.js";

describe("deepEqual", () => {
  it("compares objects regardless of key order, arrays in order", () => {
    expect(deepEqual({ id: "u1", type: "user" }, { type: "user", id: "u1" })).toBe(true);
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual("1", 1)).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
    expect(deepEqual([], {})).toBe(false);
  });
});
