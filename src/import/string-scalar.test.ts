import { describe, expect, it } from "vitest";
import { Document, parse } from "yaml";
import { isAmbiguousPlain, stringScalar } from "./string-scalar.js";

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
