import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Document, isScalar, LineCounter, parseAllDocuments } from "yaml";
import { bigScenario } from "../../bench/scenarios.mjs";
import { manifestFileText } from "../../test/helpers/manifest-text-arbitraries.js";
import { edited, handWritten, scrambled } from "../../test/helpers/yaml-text-arbitraries.js";
import { offsetAt, positionOf } from "./positions.js";
import type { PathKey } from "./schema-walk.js";
import { parseSimpleYaml } from "./simple-yaml.js";
import { valueOffsetAt } from "./template/scalar-offsets.js";

/** Every path into a JS value (keys and indexes), the root first. */
function pathsOf(value: unknown, path: PathKey[] = []): PathKey[][] {
  const out: PathKey[][] = [path];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) out.push(...pathsOf(v, [...path, i]));
  else if (typeof value === "object" && value !== null)
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...path, k]));
  return out;
}

function leaf(value: unknown, path: readonly PathKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<PathKey, unknown> | undefined)?.[k], value);
}

function isEmpty(doc: Document): boolean {
  return doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null);
}

/**
 * Checks the fast reader against `yaml` on `text`: either it declines, or `yaml` finds no error
 * and both give the same documents, values, positions of every key and value (and of every
 * character of every string), line starts and template test. Returns whether it read the text.
 */
function sameAsYaml(text: string): boolean {
  const fastLines = new LineCounter();
  const fast = parseSimpleYaml(text, fastLines);
  if (fast === undefined) return false;
  const yamlLines = new LineCounter();
  const slow = parseAllDocuments(text, { lineCounter: yamlLines, prettyErrors: false, uniqueKeys: true });
  const documents = Array.isArray(slow) ? slow : [];
  expect(documents.flatMap((d) => d.errors.map((e) => e.message))).toEqual([]);
  expect(fast.length).toBe(documents.length);
  expect(fastLines.lineStarts).toEqual(yamlLines.lineStarts);
  documents.forEach((doc, i) => {
    const mine = fast[i] as Document.Parsed;
    expect(isEmpty(mine)).toBe(isEmpty(doc));
    if (isEmpty(doc)) return;
    const value = doc.toJS({ maxAliasCount: 1000 });
    expect(mine.toJS({ maxAliasCount: 1000 })).toEqual(value);
    const template = (d: Document) => text.slice(d.range?.[0], d.range?.[2]).includes("${{");
    expect(template(mine)).toBe(template(doc));
    for (const path of [...pathsOf(value), ["nope"], ["jobs", 99, "x"]]) {
      for (const at of ["key", "value"] as const) {
        const offset = offsetAt(mine, path, at);
        expect(offset, `${JSON.stringify(path)} ${at}`).toBe(offsetAt(doc, path, at));
        expect(positionOf(fastLines, offset)).toEqual(positionOf(yamlLines, offset));
      }
      const string = leaf(value, path);
      if (typeof string === "string")
        for (let k = 0; k <= string.length + 1; k += 1)
          expect(valueOffsetAt(text, mine, path, k)).toBe(valueOffsetAt(text, doc, path, k));
    }
  });
  return true;
}

describe("parseSimpleYaml, against yaml", () => {
  // The layouts without block scalars or multi-line strings are read: enough of them that the
  // property cannot pass by declining everything.
  it.each([
    { name: "the manifests yaml writes in every layout", texts: manifestFileText, numRuns: 400, least: 10 },
    { name: "hand-written texts", texts: handWritten, numRuns: 1500, least: 300 },
  ])("reads $name exactly as yaml does, or declines them", ({ texts, numRuns, least }) => {
    let read = 0;
    fc.assert(
      fc.property(texts, (text) => {
        if (sameAsYaml(text)) read += 1;
      }),
      { numRuns },
    );
    expect(read).toBeGreaterThan(least);
  });

  it("declines or matches yaml after random edits (never reads what yaml refuses)", () => {
    fc.assert(
      fc.property(edited(fc.oneof(manifestFileText, handWritten, scrambled)), (text) => {
        sameAsYaml(text);
      }),
      { numRuns: 1500 },
    );
  });

  it("reads the repository's sample manifests and the benchmark's", () => {
    const dir = "manifests";
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yaml"));
    const big = bigScenario({ runs: 2, groups: 2, existingPerGroup: 6, newPerGroup: 5 }).manifests;
    const texts = [...files.map((f) => readFileSync(join(dir, f), "utf8")), ...big.map((m) => m.text)];
    expect(texts.length).toBeGreaterThan(5);
    for (const text of texts) expect(sameAsYaml(text)).toBe(true);
  });

  it.each([
    ["an anchor and alias", "a: &x 1\nb: *x\n"],
    ["a tag", "a: !t 1\n"],
    ["a block scalar", "a: |\n  text\n"],
    ["a folded plain scalar", "a: one\n  two\n"],
    ["a tab", "a:\t1\n"],
    ["a lone CR", "a: 1\rb: 2\n"],
    ["a tab after a value", "a: 1\t# c\n"],
    ["an escape in double quotes", 'a: "\\t"\n'],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["an empty list item", "a:\n  -\n  - b\n"],
    ["a nested flow collection", "a: { b: [1] }\n"],
    ["a key that is not a string", "1: a\n"],
    ["a directive", "%YAML 1.2\n---\na: 1\n"],
    ["a key of over 1,000 characters", `'${"''".repeat(501)}': 1\n`],
    ["a comment holding a template", "a: 1 # $" + "{{ x }}\n"],
  ])("leaves %s to yaml", (_name, text) => {
    expect(parseSimpleYaml(text, new LineCounter())).toBeUndefined();
  });
});
