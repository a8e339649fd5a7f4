import { describe, expect, it } from "vitest";
import { z } from "zod";
import { expectedWords, expecting } from "./expectations.js";

describe("expectedWords", () => {
  it("uses the registered words, also through optional/default wrappers", () => {
    const schema = expecting(z.union([z.string(), z.number()]), "a name or a number");
    expect(expectedWords(schema)).toBe("a name or a number");
    expect(expectedWords(schema.optional())).toBe("a name or a number");
  });

  it("describes an unregistered union by its options, never as `union`", () => {
    expect(expectedWords(z.union([z.string(), z.array(z.string())]))).toBe("text or a list");
    expect(expectedWords(z.union([z.string(), z.number(), z.boolean()]).optional())).toBe(
      "text, a number or true or false",
    );
    expect(expectedWords(z.union([z.string().min(1), z.string().email()]))).toBe("text");
    expect(expectedWords(z.union([z.string(), expecting(z.object({}), "{ id }")]))).toBe("text or { id }");
  });

  it("describes literals and enums by their values", () => {
    expect(expectedWords(z.literal("v1"))).toBe('"v1"');
    expect(expectedWords(z.enum(["user", "group"]))).toBe('"user" or "group"');
    expect(expectedWords(z.union([z.literal(1), z.literal("x")]))).toBe('1 or "x"');
  });

  it("words plain types", () => {
    expect(expectedWords(z.object({}))).toBe("a mapping");
    expect(expectedWords(undefined, "string")).toBe("text");
  });
});
