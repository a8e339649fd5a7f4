// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is the template syntax, not a JS placeholder
/**
 * Reads are the minimum (issue 14.2), counted at the emulator: `jobsync plan` over name targets,
 * and a template on an id target reading `process.*` of that process reads the process list
 * once (however many names), each process once, and each run once.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import type { SeedProcess } from "../src/emulator/emulator-types.js";
import { memoryIO } from "./helpers/memory-io.js";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

const process = (n: number): SeedProcess => ({
  id: `p-${n}`,
  name: `Close ${n}`,
  dueDate: "2026-12-31",
  run: { id: `run-${n}`, parallel: true, children: [] },
});

const manifest = (name: string, target: string, title: string) => `apiVersion: jobsync/v1
kind: JobRuns
metadata:
  name: ${name}
target: ${target}
jobs:
  - sendTask:
      title: "${title}"
      assignee: u-ann
`;

let emulator: TestEmulator;
let dir: string;
beforeEach(async () => {
  emulator = await startTestEmulator({
    seed: { processes: Array.from({ length: 12 }, (_, i) => process(i + 1)) },
  });
  dir = await mkdtemp(join(tmpdir(), "jobsync-reads-"));
  await mkdir(join(dir, "manifests"));
  await writeFile(join(dir, "jobsync.config.json"), "{}");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function plan(command: readonly string[] = ["plan"]): Promise<string[]> {
  const io = memoryIO({
    cwd: dir,
    env: {
      JOBSYNC_BASE_URL: emulator.url,
      WORKIVA_CLIENT_ID: "c",
      WORKIVA_CLIENT_SECRET: "s",
      NO_COLOR: "1",
    },
  });
  const code = await runCli([...command], io);
  expect(io.err()).toBe("");
  expect(code).toBe(0);
  return emulator.requests
    .filter((r) => !r.path.includes("oauth2"))
    .map((r) => `${r.method} ${r.path}${r.query.$filter ? ` ${r.query.$filter}` : ""}`)
    .sort();
}

describe("reads per plan", () => {
  it("one process list for many names, each process and each run once", async () => {
    for (const n of [1, 2, 3, 4]) {
      await writeFile(
        join(dir, "manifests", `name-${n}.yaml`),
        manifest(`n${n}`, `{ process: { name: "Close ${n}" } }`, `T${n}`),
      );
    }
    await writeFile(
      join(dir, "manifests", "template.yaml"),
      manifest("tpl", "{ process: { id: p-10 } }", "Due ${{ process.dueDate }}"),
    );
    expect(await plan()).toEqual([
      "GET /processRuns/run-1",
      "GET /processRuns/run-10",
      "GET /processRuns/run-2",
      "GET /processRuns/run-3",
      "GET /processRuns/run-4",
      "GET /processes",
      "GET /processes/p-10",
    ]);
  });

  it("a single name is looked up with the list filtered by it", async () => {
    await writeFile(
      join(dir, "manifests", "one.yaml"),
      manifest("one", '{ process: { name: "Close 7" } }', "T"),
    );
    expect(await plan()).toEqual(["GET /processRuns/run-7", "GET /processes name contains 'Close 7'"]);
  });

  it("apply --auto-approve locks before reading: each run read once to plan, once to verify", async () => {
    for (const n of [1, 2]) {
      await writeFile(
        join(dir, "manifests", `run-${n}.yaml`),
        manifest(`r${n}`, `{ processRun: run-${n} }`, `T${n}`),
      );
    }
    expect(await plan(["apply", "--auto-approve"])).toEqual([
      "GET /processRuns/run-1",
      "GET /processRuns/run-1",
      "GET /processRuns/run-2",
      "GET /processRuns/run-2",
      "POST /processRuns/run-1/jobRuns",
      "POST /processRuns/run-2/jobRuns",
    ]);
  });
});
