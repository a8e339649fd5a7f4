import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { displayPath } from "../input/display-path.js";
import { findManifestFiles, globToRegExp } from "./find-files.js";

const fixtures = fileURLToPath(new URL("../../test/fixtures/manifests/", import.meta.url));

describe("globToRegExp", () => {
  it("matches * within a folder, ** across folders and ? for one character", () => {
    expect(globToRegExp("*.yaml").test("a.yaml")).toBe(true);
    expect(globToRegExp("*.yaml").test("sub/a.yaml")).toBe(false);
    expect(globToRegExp("**/*.yaml").test("a.yaml")).toBe(true);
    expect(globToRegExp("**/*.yaml").test("x/y/a.yaml")).toBe(true);
    expect(globToRegExp("a?.yml").test("ab.yml")).toBe(true);
    expect(globToRegExp("a.yml").test("aXyml")).toBe(false);
  });
});

describe("findManifestFiles", () => {
  it("reads folders recursively for *.yaml/*.yml only, in sorted order, without duplicates", async () => {
    const { files, diagnostics } = await findManifestFiles(["good", "good/a.yaml"], fixtures);
    expect(diagnostics).toEqual([]);
    expect(files.map((f) => displayPath(f, fixtures))).toEqual([
      "good/a.yaml",
      "good/empty.yaml",
      "good/sub/b.yml",
    ]);
  });

  it("expands globs relative to cwd", async () => {
    const { files } = await findManifestFiles(["several/**/*.yaml"], fixtures);
    expect(files.map((f) => displayPath(f, fixtures))).toEqual([
      "several/a.yaml",
      "several/b/b.yaml",
      "several/c.yaml",
      "several/ok.yaml",
    ]);
  });

  it("reports a path or glob that finds nothing", async () => {
    const { diagnostics } = await findManifestFiles(["missing", "good/*.json"], fixtures);
    expect(diagnostics.map((d) => [d.file, d.message])).toEqual([
      ["missing", "no such manifest file or folder (check `manifests` in the config, or --manifests)"],
      ["good/*.json", "no manifest files match this pattern"],
    ]);
  });
});

describe("displayPath", () => {
  it("is relative to cwd with forward slashes", () => {
    expect(displayPath(path.join("/repo", "manifests", "a.yaml"), "/repo")).toBe("manifests/a.yaml");
    expect(displayPath("/elsewhere/a.yaml", "/repo")).toBe("../elsewhere/a.yaml");
  });
});
