import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { formatManifestText } from "../src/manifest/format-manifest.js";
import { parseManifestText } from "../src/manifest/parse-manifest-text.js";
import { commentsOf, manifestFileText } from "./helpers/manifest-text-arbitraries.js";

/**
 * `jobsync fmt` over generated manifest files in many layouts, with comments everywhere:
 * formatting twice is formatting once, and the documents (their values, hence the desired state),
 * their number and every comment are what they were.
 */

function parsesCleanly(text: string): boolean {
  return parseAllDocuments(text, { uniqueKeys: true }).every((d) => d.errors.length === 0);
}

function values(text: string): unknown[] {
  return parseAllDocuments(text).map((d) => d.toJS({ maxAliasCount: 1000 }));
}

function fmt(text: string): string {
  const result = formatManifestText(text, "m.yaml");
  if (!result.ok) throw new Error(`fmt refused: ${JSON.stringify(result.diagnostics)}`);
  return result.text;
}

/** A manifest's validation outcome without positions (they move when the layout changes). */
function outcome(text: string) {
  const { manifests, diagnostics } = parseManifestText(text, "m.yaml");
  const strip = (value: unknown): unknown =>
    JSON.parse(
      JSON.stringify(value, (key, v) =>
        key === "line" || key === "col" || key === "source" ? undefined : v,
      ),
    );
  const messages = diagnostics.map((d) => d.message.replace(/\bline \d+/g, "line N"));
  return { manifests: strip(manifests), messages };
}

const runs = { numRuns: 300 };

describe("jobsync fmt: properties over generated manifest files", () => {
  it("is idempotent: fmt(fmt(x)) === fmt(x)", () => {
    fc.assert(
      fc.property(manifestFileText, (text) => {
        fc.pre(parsesCleanly(text));
        const once = fmt(text);
        expect(fmt(once)).toBe(once);
      }),
      runs,
    );
  });

  it("keeps every document's value (doc.toJS()) and the number of documents", () => {
    fc.assert(
      fc.property(manifestFileText, (text) => {
        fc.pre(parsesCleanly(text));
        expect(values(fmt(text))).toEqual(values(text));
      }),
      runs,
    );
  });

  it("keeps the desired state and the validation messages", () => {
    fc.assert(
      fc.property(manifestFileText, (text) => {
        fc.pre(parsesCleanly(text));
        expect(outcome(fmt(text))).toEqual(outcome(text));
      }),
      { numRuns: 150 },
    );
  });

  it("keeps every comment, in order", () => {
    fc.assert(
      fc.property(manifestFileText, (text) => {
        fc.pre(parsesCleanly(text));
        expect(commentsOf(fmt(text))).toEqual(commentsOf(text));
      }),
      runs,
    );
  });

  it("writes the canonical layout: no tab or odd indentation, LF line ends, lists indented under their key", () => {
    fc.assert(
      fc.property(manifestFileText, (text) => {
        fc.pre(parsesCleanly(text));
        const out = fmt(text);
        expect(out).not.toContain("\r\n");
        expect(out.endsWith("\n") || out === "").toBe(true);
        // `jobs:` is followed by its items two spaces in (or by a flow list / nothing).
        for (const match of out.matchAll(/^( *)jobs:\n( *)- /gm)) {
          expect((match[2] as string).length).toBe((match[1] as string).length + 2);
        }
      }),
      runs,
    );
  });
});
