import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Document, parse } from "yaml";
import { isAmbiguousPlain, isPlainSafe, parsesAsNonString, stringScalar } from "./string-scalar.js";

const AMBIGUOUS = [
  ...["yes", "No", "ON", "off", "y", "N", "true", "False", "null", "Null", "~"],
  ...["2024", "-7", "1e3", ".5", "0x1F", "012", "0o17", "0b101", "1_000", "1:30", ".inf", ".NaN"],
  ...["2025-01-15T10:00:00Z", "2025-1-5", "2025-02-30", "2025-03-01 10:00:00"],
];
const PLAIN = [
  "Kickoff",
  "Sign-off",
  "yesterday",
  "no way",
  "2025-03-01",
  "2024-02-29",
  "v1.2",
  "user123",
  "<<",
];

/** `key: <value>` as the import writes it. */
function written(value: string): string {
  const doc = new Document({});
  doc.set("key", stringScalar(value));
  return doc.toString({ lineWidth: 0 });
}

describe("stringScalar", () => {
  it.each(AMBIGUOUS)("double-quotes %j, so YAML 1.1 and 1.2 both read a string", (value) => {
    expect(isAmbiguousPlain(value)).toBe(true);
    const text = written(value);
    expect(text).toBe(`key: ${JSON.stringify(value)}\n`);
    expect(parse(text)).toEqual({ key: value });
    expect(parse(text, { version: "1.1" })).toEqual({ key: value });
  });

  it.each(PLAIN)("leaves %j plain", (value) => {
    expect(isAmbiguousPlain(value)).toBe(false);
    expect(written(value)).toBe(`key: ${value}\n`);
    expect(parse(written(value))).toEqual({ key: value });
  });

  it("leaves other quoting to the yaml library (1.2 core)", () => {
    expect(written("a: b")).toBe('key: "a: b"\n');
    expect(written("")).toBe('key: ""\n');
    expect(written("line one\nline two")).toBe("key: |-\n  line one\n  line two\n");
  });
});

describe("isPlainSafe (the fast path)", () => {
  it("rejects every ambiguous value, so they all reach the parser", () => {
    for (const value of AMBIGUOUS) expect(isPlainSafe(value), value).toBe(false);
  });

  it("rejects keywords in any case, padded values, and indicator characters", () => {
    const rejected = [
      ...["YES", "yEs", "tRUE", "NuLL", "Off", "inf", "NaN", "n", "Y", "e0", "E5", "e-1"],
      ...[
        "",
        " Kickoff",
        "Kickoff ",
        "a: b",
        "a #b",
        "-a",
        ".a",
        "~a",
        "1a",
        "!a",
        "&a",
        "*a",
        "'a'",
        "a\nb",
      ],
    ];
    for (const value of rejected) expect(isPlainSafe(value), value).toBe(false);
  });

  it("takes the common keys and titles", () => {
    const taken = [
      "apiVersion",
      "triggerType",
      "Kickoff",
      "Sign-off",
      "no way",
      "v1.2",
      "user123",
      "a/b, c_d",
    ];
    for (const value of taken) expect(isPlainSafe(value), value).toBe(true);
  });

  it("agrees with the parser on every short string over a risky alphabet", () => {
    const alphabet = [..."eEyYnNoOxX_019-+., /"];
    let words = [""];
    for (let length = 1; length <= 3; length += 1) {
      words = words.flatMap((w) => alphabet.map((c) => w + c));
      for (const value of words) {
        if (isPlainSafe(value)) expect(parsesAsNonString(value), value).toBe(false);
      }
    }
  });

  it("agrees with the parser whenever it says safe", () => {
    const risky = [
      ..."yYnNeEsSoOtTrRuUfFaAlLiIxXbB",
      ..."0189",
      ..."+",
      ..."_.,/ -",
      ..."~:#!'\"&*?|>%@`[]{}\t",
    ];
    const near = fc.string({ unit: fc.constantFrom(...risky), maxLength: 8 });
    const keyword = fc
      .tuple(
        fc.constantFrom(
          "y",
          "n",
          "yes",
          "no",
          "true",
          "false",
          "on",
          "off",
          "null",
          "inf",
          "nan",
          "infinity",
        ),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      )
      .map(([word, upper]) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(""));
    const shaped = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.,/ -]{0,12}$/);
    fc.assert(
      fc.property(fc.oneof(near, keyword, shaped, fc.string()), (value) => {
        if (isPlainSafe(value)) expect(parsesAsNonString(value), value).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });
});
