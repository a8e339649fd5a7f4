/**
 * Folder discovery over symbolic links and unreadable entries: links are followed, a loop is an
 * error (and ends), a folder reached twice is read once, and nothing that cannot be read is
 * skipped silently.
 */
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../diagnostics/diagnostic.js";
import { displayPath } from "../input/display-path.js";
import { findManifestFiles } from "./find-files.js";
import { loadManifests } from "./load-manifests.js";

const MANIFEST = "apiVersion: jobsync/v1\nkind: JobRuns\ntarget: { processRun: run-1 }\njobs: []\n";
/** chmod does not keep root out, so the unreadable cases cannot be shown when running as root. */
const asRoot = process.getuid?.() === 0;
const posix = process.platform !== "win32";

let root = "";
const write = async (file: string, text = MANIFEST) => {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), text);
};
const link = (target: string, at: string) => symlink(target, path.join(root, at));
const find = async (...patterns: string[]) => {
  const { files, diagnostics } = await findManifestFiles(patterns, root);
  return { files: files.map((f) => displayPath(f, root)), problems: diagnostics.map(formatDiagnostic) };
};

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "jobsync-links-"));
});
afterEach(async () => {
  await chmod(path.join(root, "m", "locked"), 0o755).catch(() => {});
  await chmod(path.join(root, "m", "secret.yaml"), 0o644).catch(() => {});
  await rm(root, { recursive: true, force: true });
});

describe.runIf(posix)("findManifestFiles over symbolic links", () => {
  it("follows a link to a file and a link to a folder", async () => {
    await write("outside/s.yaml");
    await write("elsewhere/e.yml");
    await write("m/a.yaml");
    await link("../elsewhere/e.yml", "m/linked.yml");
    await link("../outside", "m/outside");
    expect(await find("m")).toEqual({
      files: ["m/a.yaml", "m/linked.yml", "m/outside/s.yaml"],
      problems: [],
    });
  });

  it("reports a link back to a folder being read as a loop, and still reads every file once", async () => {
    await write("m/a.yaml");
    await write("m/sub/b.yaml");
    await link("..", "m/sub/back");
    expect(await find("m")).toEqual({
      files: ["m/a.yaml", "m/sub/b.yaml"],
      problems: [
        "m/sub/back: a symbolic link loop: this link leads back to m, which is being read already (remove the link or point it elsewhere)",
      ],
    });
  });

  it("reports a link to itself and a dangling link", async () => {
    await write("m/a.yaml");
    await link("self.yaml", "m/self.yaml");
    await link("gone", "m/dangling");
    expect((await find("m")).problems).toEqual([
      "m/dangling: a symbolic link whose target does not exist: remove the link or fix its target",
      "m/self.yaml: a symbolic link loop (the link leads to itself): remove the link or fix its target",
    ]);
  });

  it("reads a folder reached through two links once, under the first path", async () => {
    await write("outside/s.yaml");
    await mkdir(path.join(root, "m"));
    await link("../outside", "m/one");
    await link("../outside", "m/two");
    expect(await find("m")).toEqual({ files: ["m/one/s.yaml"], problems: [] });
  });

  it("reads a file named twice (by a folder and through a link) once", async () => {
    await write("m/a.yaml");
    await link("m/a.yaml", "alias.yaml");
    expect(await find("m", "alias.yaml")).toEqual({ files: ["alias.yaml"], problems: [] });
  });

  it("reports a device with a manifest's name instead of reading it", async () => {
    await write("m/a.yaml");
    await link("/dev/null", "m/null.yaml");
    expect((await find("m")).problems).toEqual([
      "m/null.yaml: not a regular file (a device, pipe or socket): rename it or move it out of the manifest folders",
    ]);
  });

  it("still skips links named like dot-folders and node_modules", async () => {
    await write("outside/s.yaml");
    await write("m/a.yaml");
    await link("../outside", "m/.hidden");
    await link("../outside", "m/node_modules");
    await link("gone", "m/.dangling");
    expect(await find("m")).toEqual({ files: ["m/a.yaml"], problems: [] });
  });
});

describe.runIf(posix && !asRoot)("unreadable entries (skipped as root: chmod does not apply to root)", () => {
  it("an unreadable folder is an error with its path and what to do", async () => {
    await write("m/a.yaml");
    await write("m/locked/b.yaml");
    await chmod(path.join(root, "m", "locked"), 0o000);
    expect(await find("m")).toEqual({
      files: ["m/a.yaml"],
      problems: [
        "m/locked: cannot read this folder (permission denied): make it readable, or move it out of the manifest folders",
      ],
    });
  });

  it("an unreadable file is an error from loadManifests", async () => {
    await write("m/secret.yaml");
    await chmod(path.join(root, "m", "secret.yaml"), 0o000);
    const loaded = await loadManifests(["m"], { cwd: root });
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([
      "m/secret.yaml: cannot read this file (permission denied): make it readable, or move it out of the manifest folders",
    ]);
  });
});
