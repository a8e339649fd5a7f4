/**
 * What folder discovery leaves out: folders starting with "." and `node_modules` (at any depth,
 * for a folder and for a glob), and files that only contain ".yaml" (such as `*.yaml.bak`).
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayPath } from "../input/display-path.js";
import { findManifestFiles } from "./find-files.js";
import { loadManifests } from "./load-manifests.js";

const MANIFEST = "apiVersion: jobsync/v1\nkind: JobRuns\ntarget: { processRun: run-1 }\njobs: []\n";

let root = "";

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "jobsync-find-"));
  const files = [
    "m/a.yaml",
    "m/a.yaml.bak",
    "m/b.yml.orig",
    "m/.git/hidden.yaml",
    "m/sub/.cache/hidden.yml",
    "m/node_modules/pkg/dep.yaml",
    "m/sub/node_modules/dep.yaml",
    "m/sub/c.yml",
  ];
  for (const file of files) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), MANIFEST);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("findManifestFiles skips", () => {
  it("dot-folders, node_modules and *.yaml.bak when reading a folder", async () => {
    const { files, diagnostics } = await findManifestFiles(["m"], root);
    expect(diagnostics).toEqual([]);
    expect(files.map((f) => displayPath(f, root))).toEqual(["m/a.yaml", "m/sub/c.yml"]);
  });

  it("dot-folders and node_modules when expanding a ** glob", async () => {
    const { files } = await findManifestFiles(["m/**/*.y*ml"], root);
    expect(files.map((f) => displayPath(f, root))).toEqual(["m/a.yaml", "m/sub/c.yml"]);
  });
});

describe("loadManifests", () => {
  it("does not load a *.yaml.bak file beside a manifest", async () => {
    const loaded = await loadManifests(["m"], { cwd: root });
    expect(loaded.files).toEqual(["m/a.yaml", "m/sub/c.yml"]);
    expect(loaded.desired.manifests.map((m) => m.source.file)).toEqual(["m/a.yaml", "m/sub/c.yml"]);
  });
});
