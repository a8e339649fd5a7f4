import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import { memoryIO } from "./helpers/memory-io.js";

const FORMATTED = `# q4
apiVersion: jobsync/v1
kind: JobRuns
target:
  processRun: run-1
jobs:
  - sendTask:
      title: Review # inline
      assignee: u1
`;
/** The same manifest in another layout: 4-space indents, list items not indented, spacing. */
const MESSY = `# q4
apiVersion:   jobsync/v1
kind: JobRuns
target:
    processRun: run-1
jobs:
- sendTask:
    title: Review    # inline
    assignee: u1
`;

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "jobsync-fmt-"));
  await writeFile(path.join(dir, ".jobsyncrc.json"), '{ "manifests": "manifests" }');
  await mkdir(path.join(dir, "manifests", "sub"), { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fmt(...args: string[]) {
  const io = memoryIO({ cwd: dir });
  const code = await runCli(["fmt", ...args], io);
  return { code, out: io.out(), err: io.err() };
}
const file = (name: string) => path.join(dir, "manifests", name);
const read = (name: string) => readFile(file(name), "utf8");

describe("jobsync fmt", () => {
  it("rewrites the configured manifests that are not canonical and lists them; a second run changes nothing", async () => {
    await writeFile(file("a.yaml"), MESSY);
    await writeFile(file("sub/b.yml"), FORMATTED);
    await writeFile(file("c.yaml"), `${MESSY}---\n${MESSY}`);
    expect(await fmt()).toEqual({ code: 0, out: "manifests/a.yaml\nmanifests/c.yaml\n", err: "" });
    expect(await read("a.yaml")).toBe(FORMATTED);
    expect(await read("sub/b.yml")).toBe(FORMATTED);
    expect(await read("c.yaml")).toBe(`${FORMATTED}---\n${FORMATTED}`);
    expect(await fmt()).toEqual({ code: 0, out: "", err: "" });
    expect(await fmt("--check")).toEqual({ code: 0, out: "", err: "" });
  });

  it("--check writes nothing, lists the files that would change and exits 3", async () => {
    await writeFile(file("a.yaml"), MESSY);
    await writeFile(file("b.yaml"), FORMATTED);
    expect(await fmt("--check")).toEqual({ code: 3, out: "manifests/a.yaml\n", err: "" });
    expect(await read("a.yaml")).toBe(MESSY);
  });

  it("reports a file with YAML syntax errors at file:line:col, never rewrites it, formats the others, exits 1", async () => {
    const broken = `${MESSY}- ref: { id: "open }\n`;
    await writeFile(file("a.yaml"), MESSY);
    await writeFile(file("broken.yaml"), broken);
    const { code, out, err } = await fmt();
    expect(code).toBe(1);
    expect(out).toBe("manifests/a.yaml\n");
    expect(err).toBe(
      'manifests/broken.yaml:10:14: YAML syntax error: Missing closing "quote\n1 error found.\n',
    );
    expect(await read("broken.yaml")).toBe(broken);
    expect(await read("a.yaml")).toBe(FORMATTED);
    expect((await fmt("--check")).code).toBe(1);
  });

  it("takes PATHs (files, folders, globs) instead of the configured manifests", async () => {
    await writeFile(file("a.yaml"), MESSY);
    await writeFile(file("sub/b.yaml"), MESSY);
    await writeFile(path.join(dir, "other.yaml"), MESSY);
    expect(await fmt("--check", "other.yaml", "manifests/sub")).toEqual({
      code: 3,
      out: "manifests/sub/b.yaml\nother.yaml\n",
      err: "",
    });
    expect(await fmt("manifests/*.yaml")).toEqual({ code: 0, out: "manifests/a.yaml\n", err: "" });
    expect(await read("sub/b.yaml")).toBe(MESSY);
  });

  it("reports a PATH that does not exist (exit 1) and warns of a folder without manifests (exit 0)", async () => {
    const missing = await fmt("nowhere.yaml");
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("nowhere.yaml: no such manifest file or folder");
    const empty = await fmt("manifests/sub");
    expect(empty).toEqual({
      code: 0,
      out: "",
      err: "manifests/sub: warning: no manifest files found in this folder (looked for *.yaml and *.yml)\n",
    });
  });

  it("writes atomically: permissions kept, no temporary file left, a symbolic link still a link", async () => {
    await writeFile(path.join(dir, "real.yaml"), MESSY);
    await symlink(path.join(dir, "real.yaml"), file("linked.yaml"));
    await writeFile(file("a.yaml"), MESSY);
    await chmod(file("a.yaml"), 0o640);
    expect((await fmt()).out).toBe("manifests/a.yaml\nmanifests/linked.yaml\n");
    expect((await stat(file("a.yaml"))).mode & 0o777).toBe(0o640);
    expect((await lstat(file("linked.yaml"))).isSymbolicLink()).toBe(true);
    expect(await readFile(path.join(dir, "real.yaml"), "utf8")).toBe(FORMATTED);
    expect((await readdir(path.join(dir, "manifests"))).sort()).toEqual(["a.yaml", "linked.yaml", "sub"]);
    expect((await readdir(dir)).sort()).toEqual([".jobsyncrc.json", "manifests", "real.yaml"]);
  });

  it("reports a file it cannot write and leaves it as it was", async () => {
    if (process.getuid?.() === 0) return; // root writes anywhere
    await writeFile(file("a.yaml"), MESSY);
    await chmod(path.join(dir, "manifests"), 0o555);
    try {
      const { code, err } = await fmt();
      expect(code).toBe(1);
      expect(err).toContain("manifests/a.yaml: cannot write this file (permission denied)");
      expect(await read("a.yaml")).toBe(MESSY);
    } finally {
      await chmod(path.join(dir, "manifests"), 0o755);
    }
  });
});
