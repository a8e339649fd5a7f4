import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatManifestText } from "./format-manifest.js";

function fmt(text: string): string {
  const result = formatManifestText(text, "m.yaml");
  if (!result.ok) throw new Error(`unexpected problems: ${JSON.stringify(result.diagnostics)}`);
  return result.text;
}

/** fmt, checked to be a fixed point. */
function canonical(text: string): string {
  const once = fmt(text);
  expect(fmt(once)).toBe(once);
  return once;
}

const SAMPLES = path.resolve(import.meta.dirname, "../../manifests");

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

describe("formatManifestText", () => {
  it("leaves the sample manifests as they are (they are the canonical layout)", () => {
    const files = yamlFiles(SAMPLES);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(fmt(text)).toBe(text);
    }
  });

  it("re-indents to two spaces with lists indented under their key, keeping key order", () => {
    const text =
      "kind: JobRuns\napiVersion:    jobsync/v1\njobs:\n- sendTask:\n        title: A\n        assignee: u1\n-   ref: {id: r1}\n";
    expect(canonical(text)).toBe(
      "kind: JobRuns\napiVersion: jobsync/v1\njobs:\n  - sendTask:\n      title: A\n      assignee: u1\n  - ref: { id: r1 }\n",
    );
  });

  it("keeps comments: at the top, on a line, between entries, at the end", () => {
    const text =
      "# yaml-language-server: $schema=x.json\n# second line\nkind: JobRuns # the kind\n\n\n# before jobs\njobs:\n    # first job\n    - ref: { id: a }   # inline\n# trailing\n";
    expect(canonical(text)).toBe(
      "# yaml-language-server: $schema=x.json\n# second line\nkind: JobRuns # the kind\n\n# before jobs\njobs:\n  # first job\n  - ref: { id: a } # inline\n\n# trailing\n",
    );
  });

  it("keeps every document of a file, empty ones and comment-only ones included", () => {
    expect(canonical("a: 1\n---\nb:   2\n")).toBe("a: 1\n---\nb: 2\n");
    expect(canonical("---\na: 1\n---\nb: 2\n...\n")).toBe("---\na: 1\n---\nb: 2\n...\n");
    expect(canonical("a: 1\n---\n# only a comment\n---\nc: 3\n")).toBe(
      "a: 1\n---\n# only a comment\n---\nc: 3\n",
    );
    expect(canonical("a: 1\n---\n")).toBe("a: 1\n---\n");
    expect(canonical("---\n")).toBe("---\n");
    expect(canonical("%YAML 1.2\n---\n# x\n")).toBe("%YAML 1.2\n---\n# x\n");
  });

  it("keeps a file of only comments, and an empty file empty", () => {
    expect(canonical("# c1\n\n# c2\n")).toBe("# c1\n\n# c2\n");
    expect(canonical("")).toBe("");
    expect(canonical("\n\n")).toBe("");
  });

  it("never folds long lines and writes folded block text on one line", () => {
    const long = `title: ${"word ".repeat(40).trim()}\n`;
    expect(canonical(long)).toBe(long);
    expect(canonical("instructions: >\n  one\n  two\n")).toBe("instructions: >\n  one two\n");
    expect(canonical("instructions: |\n    one\n    two\n")).toBe("instructions: |\n  one\n  two\n");
  });

  it("keeps quoting styles, dates and anchors", () => {
    const text = "a: 'single'\nb: \"double\"\nc: 2024-12-15\nd: &x { id: u }\ne: *x\n";
    expect(canonical(text)).toBe(text);
  });

  it("writes an empty block scalar as an empty string, its comment kept", () => {
    expect(canonical("a: |- # note\n  \nb: 1\n")).toBe('a: "" # note\nb: 1\n');
  });

  it("turns CRLF line ends into LF", () => {
    expect(canonical("a: 1\r\nb: 2\r\n")).toBe("a: 1\nb: 2\n");
    expect(canonical("# c\r\na: 1 # d\r\nb: |\r\n  x\r\n  y\r\n")).toBe("# c\na: 1 # d\nb: |\n  x\n  y\n");
  });

  it("reports YAML syntax errors at file:line:col instead of formatting", () => {
    const result = formatManifestText('a: 1\nb: "open\n', "bad.yaml");
    expect(result).toEqual({
      ok: false,
      diagnostics: [
        {
          severity: "error",
          file: "bad.yaml",
          line: 2,
          col: 4,
          message: 'YAML syntax error: Missing closing "quote',
        },
      ],
    });
  });

  it("leaves alone a file the layout cannot settle on, with an error (a comment holding a Unicode line separator)", () => {
    const result = formatManifestText("a:\n  # x\u2028#y\n  b: 2\n", "odd.yaml");
    expect(result).toEqual({
      ok: false,
      diagnostics: [
        {
          severity: "error",
          file: "odd.yaml",
          message:
            "this file cannot be laid out without changing it (the layout does not settle), so it was left as it is: please report it",
        },
      ],
    });
  });

  it("reports duplicate keys as the loader does", () => {
    const result = formatManifestText("a: 1\na: 2\n", "dup.yaml");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnostics[0]?.message).toBe(
      "duplicate key `a` (a key may appear only once in a mapping)",
    );
  });
});
