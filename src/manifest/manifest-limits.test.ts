/**
 * The hostile-input limits of contract §10: recursive and excessive YAML aliases, files past
 * 16 MiB and files with too many nodes get clear errors with their place, never a crash.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../diagnostics/diagnostic.js";
import { loadManifests } from "./load-manifests.js";
import { MAX_STRUCTURE_MARKS, parseManifestText } from "./parse-manifest-text.js";
import { MAX_MANIFEST_BYTES } from "./read-manifest-file.js";

const HEAD = "apiVersion: jobsync/v1\nkind: JobRuns\ntarget: { processRun: run-1 }\n";
const problems = (text: string) => parseManifestText(text, "m.yaml").diagnostics.map(formatDiagnostic);
const RECURSIVE =
  "recursive YAML alias: this alias refers to an anchor that contains it (use an anchor only after its node ends)";

describe("YAML aliases", () => {
  it("a list that contains itself is a recursive alias at the alias", () => {
    expect(problems(`${HEAD}jobs:\n  - &g { group: G, jobs: [*g] }\n`)).toEqual([
      `m.yaml:5:27: ${RECURSIVE}`,
    ]);
  });

  it("a group whose jobs alias its own list is a recursive alias", () => {
    const text = `${HEAD}jobs:\n  - group: G\n    jobs: &j\n      - group: H\n        jobs: *j\n`;
    expect(problems(text)).toEqual([`m.yaml:8:15: ${RECURSIVE}`]);
  });

  it("`&a [*a]` anywhere in a document is refused the same way", () => {
    expect(problems("a: &a [*a]\n")).toEqual([`m.yaml:1:8: ${RECURSIVE}`]);
  });

  it("an alias to an anchor that ended before it is fine", () => {
    const text = `${HEAD}jobs:\n  - sendTask: &t { title: A, assignee: u1 }\n  - group: G\n    jobs: [{ sendTask: *t }]\n`;
    expect(problems(text)).toEqual([]);
  });

  it("a billion-laughs document is refused as too many alias expansions", () => {
    let text = `${HEAD}jobs: []\nx0: &a0 [x, x, x, x, x, x, x, x, x, x]\n`;
    for (let i = 1; i < 10; i++)
      text += `x${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(", ")}]\n`;
    expect(problems(text)).toEqual([
      "m.yaml:1:1: YAML aliases expand to too many nodes (over 1000 uses of anchors): write the values out, or use fewer aliases",
    ]);
  });

  it("more than 1000 aliases in one document are refused at the 1001st", () => {
    const text = `a: &a 1\nb: [${Array(1001).fill("*a").join(",")}]\n`;
    expect(problems(text)).toEqual([
      "m.yaml:2:3005: over 1000 YAML aliases in one document: write the values out, or use fewer aliases",
    ]);
  });
});

describe("size limits", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "jobsync-limits-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("a file past 16 MiB is refused with its size, without parsing", async () => {
    await writeFile(path.join(dir, "big.yaml"), `${HEAD}jobs: []\n#${"x".repeat(MAX_MANIFEST_BYTES)}\n`);
    const loaded = await loadManifests(["big.yaml"], { cwd: dir });
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([
      "big.yaml: this file is larger than 16 MiB (16.0 MiB), the most a manifest file may be: split it into several files",
    ]);
  });

  it("a file of exactly 16 MiB is read", async () => {
    const text = `${HEAD}jobs: []\n#`;
    await writeFile(
      path.join(dir, "edge.yaml"),
      `${text}${"x".repeat(MAX_MANIFEST_BYTES - text.length - 1)}\n`,
    );
    const loaded = await loadManifests(["edge.yaml"], { cwd: dir });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.desired.manifests).toHaveLength(1);
  });

  it("a small file with too many nodes to parse safely is refused before parsing", () => {
    const text = `${HEAD}jobs: []\nx: [${"1,".repeat(MAX_STRUCTURE_MARKS)}1]\n`;
    expect(problems(text)).toEqual([
      "m.yaml: this file has over 1,000,000 YAML structure marks (`-`, `:`, `,`, `?`, `[`, `{`), too many nodes to read safely: split it into several files",
    ]);
  });
});
