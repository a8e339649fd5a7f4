/** `validate --format json|github` (issue 15.1): the same problems for machines and for pull requests. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import { memoryIO } from "./helpers/memory-io.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "jobsync-validate-"));
  await writeFile(join(dir, "jobsync.config.json"), JSON.stringify({ manifests: "." }));
  await writeFile(
    join(dir, "bad.yaml"),
    'apiVersion: jobsync/v1\nkind: JobRuns\ntarget: { processRun: r1 }\njobs:\n  - sendTask:\n      title: "a, b: c%\\nd"\n      dueDate: 2026-02-30\n      assignee: u1\n',
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const validate = async (format: string) => {
  const io = memoryIO({ cwd: dir });
  const code = await runCli(["validate", "--format", format], io);
  return { code, out: io.out(), err: io.err() };
};

describe("validate --format", () => {
  it("json: one object with every problem and the counts, exit 1", async () => {
    const { code, out, err } = await validate("json");
    expect(code).toBe(1);
    expect(err).toBe("");
    expect(JSON.parse(out)).toEqual({
      valid: false,
      manifests: 0,
      files: 1,
      jobEntries: 0,
      diagnostics: [
        {
          severity: "error",
          file: "bad.yaml",
          line: 7,
          col: 16,
          message: 'jobs[0].sendTask.dueDate: expected a date as YYYY-MM-DD, got "2026-02-30"',
        },
      ],
    });
  });

  it("github: one annotation per problem, escaped, exit 1", async () => {
    const { code, out } = await validate("github");
    expect(code).toBe(1);
    expect(out).toBe(
      '::error file=bad.yaml,line=7,col=16,title=jobsync validate::jobs[0].sendTask.dueDate: expected a date as YYYY-MM-DD, got "2026-02-30"\n1 error found.\n',
    );
  });

  it("github escapes what it writes, so a file cannot start a workflow command", async () => {
    await writeFile(
      join(dir, "bad.yaml"),
      'apiVersion: jobsync/v1\nkind: JobRuns\ntarget: { processRun: r1 }\njobs:\n  - sendTask: { title: x, assignee: u1, "n%0A\\n::warning::forged": 1 }\n',
    );
    const { out } = await validate("github");
    const commands = out.split("\n").filter((l) => l.startsWith("::"));
    expect(commands).toHaveLength(1);
    expect(commands[0]).toContain("unknown key");
    expect(commands[0]).toContain("n%250A");
    expect(out).not.toContain("\n::warning::forged");
  });
});
