import { describe, expect, it } from "vitest";
import { LineCounter, parseAllDocuments } from "yaml";
import { placeYamlErrors } from "./yaml-syntax-errors.js";

/** `line:col message` of each placed syntax error of `text`. */
function placed(text: string): string[] {
  const lineCounter = new LineCounter();
  const errors = parseAllDocuments(text, { lineCounter, prettyErrors: false }).flatMap((d) => d.errors);
  return placeYamlErrors(text, errors).map(({ offset, error }) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${line}:${col} ${error.message.split("\n")[0]}`;
  });
}

describe("placeYamlErrors", () => {
  it("puts an unterminated quote at its opening quote, not past the end of the text", () => {
    expect(placed('a: 1\nb:\n  c: "open\n  d: 2\n')).toEqual(['3:6 Missing closing "quote']);
    expect(placed("a: 'open\nb: 2\n")).toEqual(["1:4 Missing closing 'quote"]);
    expect(placed('"open')).toEqual(['1:1 Missing closing "quote']);
  });

  it("counts columns the same with CRLF line ends", () => {
    expect(placed('a: 1\r\nb:\r\n  c: "open\r\n  d: 2\r\n')).toEqual(['3:6 Missing closing "quote']);
  });

  it("puts an unclosed flow collection at its bracket, nested ones each at their own", () => {
    expect(placed("a: 1\nb: [1, 2\nc: 3\n")).toEqual([
      "2:4 Flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
    expect(placed("[1, {a: 2\n")).toEqual([
      "1:1 Flow sequence must end with a ]",
      "1:5 Flow map in block collection must be sufficiently indented and end with a }",
    ]);
  });

  it("leaves a closed collection alone and finds the unclosed one after it", () => {
    expect(placed("a: [1, 2]\nb: { c: [3] }\nd: [4\n")).toEqual([
      "3:4 Flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
  });

  it("reports an unterminated quote once, not also the collections whose end it swallowed", () => {
    expect(placed('a: { b: [1, "open ] }\nc: 2\n')).toEqual(['1:13 Missing closing "quote']);
  });

  it("keeps an unclosed collection that the quote is not inside", () => {
    expect(placed('a: [1\n---\nb: "open\n')).toEqual([
      "1:4 Flow sequence in block collection must be sufficiently indented and end with a ]",
      '3:4 Missing closing "quote',
    ]);
  });

  it("keeps other errors where the library puts them", () => {
    expect(placed("a: {b: 1,, c: 2}\n")).toEqual(["1:10 Unexpected , in flow map"]);
    expect(placed("a: 1\n")).toEqual([]);
  });
});
