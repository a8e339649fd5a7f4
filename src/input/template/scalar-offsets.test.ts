// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is the template syntax, not a JS placeholder
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Document, isMap, isScalar, LineCounter, parseDocument, Scalar } from "yaml";
import { decodeScalarAt, scalarSourceOffset, valueOffsetAt } from "./scalar-offsets.js";

/** The value scalar of `key` in a one-mapping document. */
function scalarOf(text: string, key = "k"): Scalar {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) throw new Error("not a mapping");
  const node = doc.contents.get(key, true);
  if (!isScalar(node)) throw new Error("not a scalar");
  return node;
}

/** `line:col` in `text` of value character `valueOffset` of key `k`. */
function placeOf(text: string, valueOffset: number): string {
  const lc = new LineCounter();
  parseDocument(text, { lineCounter: lc });
  const { line, col } = lc.linePos(scalarSourceOffset(text, scalarOf(text), valueOffset));
  return `${line}:${col}`;
}

describe("scalarSourceOffset", () => {
  it.each([
    ["k: Due ${{ x }}\n", "Due ${{ x }}", "1:12"],
    ['k: "Due \\t ${{ x }}"\n', "Due \t ${{ x }}", "1:16"],
    ["k: 'It''s ${{ x }}'\n", "It's ${{ x }}", "1:15"],
    ["k: |\n  first\n  ${{ x }}\n", "first\n${{ x }}\n", "3:7"],
    ["k: >-\n  first\n  second ${{ x }}\n", "first second ${{ x }}", "3:14"],
    ["k: plain\n  continued ${{ x }}\n", "plain continued ${{ x }}", "2:17"],
    ['k: "a\\u00e9 ${{ x }}"\n', "aé ${{ x }}", "1:17"],
    ['k: "one\n\n  two ${{ x }}"\n', "one\ntwo ${{ x }}", "3:11"],
  ])("%j", (text, value, place) => {
    expect(scalarOf(text).value).toBe(value);
    expect(placeOf(text, value.indexOf("x }}"))).toBe(place);
  });

  it("decodes what the yaml library writes, in every scalar style, character for character", () => {
    const styles = ["PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE", "BLOCK_LITERAL", "BLOCK_FOLDED"] as const;
    const unit = fc.constantFrom(..."ab ${}'\"\\\t\n#:-é".split(""), "\u{1F600}", "  ", "\n\n");
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 40 }),
        fc.constantFrom(...styles),
        fc.boolean(),
        (value, style, nest) => {
          const path = nest ? ["outer", "list", 0, "k"] : ["k"];
          const doc = new Document(nest ? { outer: { list: [{ k: value }] } } : { k: value });
          const node = doc.getIn(path, true);
          if (isScalar(node)) node.type = style;
          const text = doc.toString({ lineWidth: 20, minContentWidth: 5 });
          const parsed = parseDocument(text).getIn(path, true);
          if (!isScalar(parsed) || parsed.value !== value || !parsed.range) return; // the library's own limits
          const raw = text.slice(parsed.range[0], parsed.range[1]);
          const decoded = decodeScalarAt(text, parsed);
          expect(decoded?.value, `${parsed.type}: ${JSON.stringify(text)}`).toBe(value);
          // Ordinary characters map onto themselves.
          value.split("").forEach((c, i) => {
            if (/[a-z$]/.test(c)) expect(raw[decoded?.offsets[i] ?? -1]).toBe(c);
          });
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("falls back to an estimate for forms it does not decode", () => {
    const text = "k: |2\n    indented ${{ x }}\n";
    const s = scalarOf(text);
    expect(typeof scalarSourceOffset(text, s, 5)).toBe("number");
    expect(scalarSourceOffset("k: v", new Scalar("v"), 0)).toBe(0);
  });
});

describe("valueOffsetAt", () => {
  it("finds the string at a path and places a value offset in the file", () => {
    const text = "jobs:\n  - sendTask:\n      title: 'It''s ${{ vars.mnth }}'\n";
    const doc = parseDocument(text);
    const at = valueOffsetAt(text, doc, ["jobs", 0, "sendTask", "title"], "It's ${{ ".length);
    expect(text.slice(at, (at ?? 0) + 9)).toBe("vars.mnth");
    expect(valueOffsetAt(text, doc, ["jobs", 0], 0)).toBeUndefined();
  });
});
