/**
 * §11, §12: an API 400 shows its `target`, `meta` and `details`, and names the manifest entry of
 * the item it concerns: the one item when its target carries an index, else every item of that
 * request, each with `file:line`. Through the CLI in-process against the emulator, whose default
 * refuses a group as assignee (a shape the manifest schema allows, UNCONFIRMED in the API).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import { memoryIO } from "./helpers/memory-io.js";
import { startTestEmulator } from "./helpers/test-emulator.js";

const MANIFEST = `apiVersion: jobsync/v1
kind: JobRuns
target: { processRun: run-vendor }
jobs:
  - sendTask: { title: First new task, assignee: user123 }
  - sendTask:
      title: Team task
      assignee: { id: team-ap, type: group }
  - sendTask: { title: Third new task, assignee: user123 }
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "jobsync-400-"));
  await writeFile(join(dir, "m.yaml"), MANIFEST);
  await writeFile(join(dir, "jobsync.config.json"), JSON.stringify({ manifests: "m.yaml" }));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function apply(env: Record<string, string>, format?: "json") {
  const io = memoryIO({ cwd: dir, env });
  const code = await runCli(["apply", "--auto-approve", ...(format ? ["--format", format] : [])], io);
  return { code, out: io.out(), err: io.err() };
}

describe("a 400 from the API", () => {
  it("names the entry of a two-digit item index, and only it", async () => {
    const tasks = Array.from(
      { length: 11 },
      (_, k) => `  - sendTask: { title: Task ${k + 1}, assignee: user123 }`,
    );
    const team = "  - sendTask: { title: Team task, assignee: { id: team-ap, type: group } }";
    const head = "apiVersion: jobsync/v1\nkind: JobRuns\ntarget: { processRun: run-vendor }\njobs:\n";
    await writeFile(join(dir, "m.yaml"), `${head}${[...tasks, team].join("\n")}\n`);
    const emu = await startTestEmulator();
    const { code, out } = await apply(emu.env());
    expect(code).toBe(1);
    const failed = out.slice(out.indexOf("Failed:"));
    expect(failed).toMatch(/\(target \[11\]\./);
    expect(failed.match(/m\.yaml:\d+:/g)).toEqual(["m.yaml:16:"]);
    expect(failed).toContain('m.yaml:16: "Team task"');
  });

  it("names the one manifest entry its target points at, with target, meta and details", async () => {
    const emu = await startTestEmulator();
    const { code, out } = await apply(emu.env());
    expect(code).toBe(1);
    const failed = out.slice(out.indexOf("Failed:"));
    expect(failed).toMatch(/HTTP 400/);
    expect(failed).toMatch(/\(target \[1\]\.[^;)]*assignee; index=1; argumentName=[^)]+\)/);
    expect(failed).toContain('\n    m.yaml:6: "Team task"\n');
    expect(failed).not.toContain("m.yaml:5:");
    expect(failed).not.toContain("m.yaml:9:");
  });

  it("carries the entries in the JSON events and summary", async () => {
    const emu = await startTestEmulator();
    const { code, out } = await apply(emu.env(), "json");
    expect(code).toBe(1);
    const lines = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const event = lines.find((l) => l.type === "insertion-failed");
    expect(event.entries).toEqual([{ title: "Team task", file: "m.yaml", line: 6 }]);
    expect(lines.at(-1).failed[0].entries).toEqual(event.entries);
  });

  it("without an item index lists every item of the request with its line", async () => {
    const emu = await startTestEmulator();
    emu.injectFault({ method: "POST", path: "/jobRuns", kind: { type: "status-before", status: 400 } });
    const { code, out } = await apply(emu.env());
    expect(code).toBe(1);
    const failed = out.slice(out.indexOf("Failed:"));
    expect(failed).toContain(
      '\n    m.yaml:5: "First new task"\n    m.yaml:6: "Team task"\n    m.yaml:9: "Third new task"\n',
    );
  });
});
