/** Running `jobsync doctor` in-process against the emulator, for the doctor tests. */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach } from "vitest";
import { runCli } from "../../src/cli/main.js";
import type { DoctorReport } from "../../src/doctor/report-types.js";
import { memoryIO } from "./memory-io.js";
import type { TestEmulator } from "./test-emulator.js";

export const DEMO_CONFIG = resolve(import.meta.dirname, "../fixtures/demo/jobsync.config.json");

/** The test folder, where the demo config's relative paths start. */
const TEST_DIR = resolve(import.meta.dirname, "..");

const dirs: string[] = [];

/** Removes the folders `project` made after each test (call once per test file). */
export function removeProjectsAfterEach(): void {
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
}

export async function doctor(args: string[], env: Record<string, string>, cwd = TEST_DIR) {
  const io = memoryIO({ cwd, env });
  const code = await runCli(["doctor", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

export async function json(args: string[], env: Record<string, string>, cwd?: string) {
  const r = await doctor([...args, "--format", "json"], env, cwd);
  return { ...r, report: JSON.parse(r.out) as DoctorReport };
}

export const statuses = (report: DoctorReport) =>
  Object.fromEntries(report.checks.map((c) => [c.name, c.status]));

/** A new empty folder, removed after the test. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A folder with a config and one manifest (its text given). */
export async function project(manifest: string, config: object = {}): Promise<string> {
  const dir = await tempDir("jobsync-doctor-");
  await writeFile(join(dir, "m.yaml"), manifest);
  await writeFile(join(dir, "jobsync.config.json"), JSON.stringify({ manifests: "m.yaml", ...config }));
  return dir;
}

export const manifestFor = (target: string) =>
  `apiVersion: jobsync/v1\nkind: JobRuns\ntarget: ${target}\njobs: []\n`;

/** Serves `node` as one more child of the run's root, on the next `times` GETs of `path`. */
export function addRootChild(emulator: TestEmulator, path: string, times: number, node: unknown): void {
  emulator.injectFault({
    method: "GET",
    path,
    times,
    kind: {
      type: "rewrite-body",
      rewrite: (body) => {
        const run = body as { root: { children: unknown[] } };
        run.root.children.push(node);
        return run;
      },
    },
  });
}

/** Whether the `openssl` command is there (to make a certificate the client does not trust). */
export function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
