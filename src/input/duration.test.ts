import { describe, expect, it } from "vitest";
import { parseDuration } from "./duration.js";

describe("parseDuration", () => {
  it("reads 0s, 500ms, 30s, 2m, 1h and refuses anything else", () => {
    expect([
      parseDuration("0s"),
      parseDuration("500ms"),
      parseDuration("30s"),
      parseDuration("2m"),
      parseDuration("1h"),
    ]).toEqual([0, 500, 30_000, 120_000, 3_600_000]);
    for (const bad of ["", "30", "-1s", "1.5s", "2 min", "soon"]) expect(parseDuration(bad)).toBeUndefined();
  });
});
