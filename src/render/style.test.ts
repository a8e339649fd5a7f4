import { describe, expect, it } from "vitest";
import { createStyle } from "./style.js";

describe("createStyle", () => {
  it("is the identity without colour", () => {
    const style = createStyle(false);
    for (const paint of [style.green, style.yellow, style.red, style.cyan, style.bold, style.dim]) {
      expect(paint("text")).toBe("text");
    }
  });
  it("wraps text in ANSI codes with colour, closing only what it opened", () => {
    const style = createStyle(true);
    expect(style.green("ok")).toBe("\u001b[32mok\u001b[39m");
    expect(style.bold("ok")).toBe("\u001b[1mok\u001b[22m");
    expect(style.red("")).toBe("");
  });
});
