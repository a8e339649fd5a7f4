import { describe, expect, it } from "vitest";
import { colorChoice } from "./color-choice.js";

describe("colorChoice (as Node decides for its own output)", () => {
  it("colours a terminal and nothing else by default", () => {
    expect(colorChoice(false, {}, true)).toBe(true);
    expect(colorChoice(false, {}, false)).toBe(false);
  });

  it("NO_COLOR with any non-empty value turns colour off; empty is ignored", () => {
    expect(colorChoice(false, { NO_COLOR: "1" }, true)).toBe(false);
    expect(colorChoice(false, { NO_COLOR: "" }, true)).toBe(true);
  });

  it("FORCE_COLOR 1, 2, 3, true or empty colours even a pipe, and wins over NO_COLOR", () => {
    for (const value of ["1", "2", "3", "true", ""]) {
      expect(colorChoice(false, { FORCE_COLOR: value }, false), value).toBe(true);
      expect(colorChoice(false, { FORCE_COLOR: value, NO_COLOR: "1" }, false), value).toBe(true);
    }
  });

  it("FORCE_COLOR 0 or false turns colour off even on a terminal; --no-color wins over all", () => {
    expect(colorChoice(false, { FORCE_COLOR: "0" }, true)).toBe(false);
    expect(colorChoice(false, { FORCE_COLOR: "false" }, true)).toBe(false);
    expect(colorChoice(true, { FORCE_COLOR: "1" }, true)).toBe(false);
  });
});
