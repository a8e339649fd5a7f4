import { describe, expect, it } from "vitest";
import { cutToWidth, displayWidth } from "./display-width.js";

describe("displayWidth / cutToWidth", () => {
  it("counts terminal columns, not code units", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("決算レビュー")).toBe(12);
    expect(displayWidth("ｒｕｎ")).toBe(6); // fullwidth Latin
    expect(displayWidth("e\u0301")).toBe(1); // combining accent
    expect(displayWidth("👍🏽")).toBe(2); // emoji with a skin tone
    expect(displayWidth("👩‍👩‍👧")).toBe(2); // ZWJ family
    expect(displayWidth("a\u200bb")).toBe(2); // zero-width space
  });

  it("cuts at a grapheme boundary, ellipsis included in the width", () => {
    expect(cutToWidth("abcdef", 6)).toBe("abcdef");
    expect(cutToWidth("abcdef", 4)).toBe("abc…");
    const cut = cutToWidth("決算レビュー", 6);
    expect(cut).toBe("決算…");
    expect(displayWidth(cut)).toBeLessThanOrEqual(6);
    expect(cutToWidth("e\u0301e\u0301e\u0301", 2)).toBe("e\u0301…");
    expect(cutToWidth("abc", 0)).toBe("");
  });
});
