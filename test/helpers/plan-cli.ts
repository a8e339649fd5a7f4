/**
 * Shared setup of the `jobsync plan` / `jobsync show` CLI tests: before each test the emulator
 * (demo seed) on port 0 and an empty working folder; the CLI in-process with the repository's
 * sample manifests (test/fixtures/demo). Importing this module registers the hooks for the file.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { memoryIO } from "./memory-io.js";
import { startTestEmulator, type TestEmulator } from "./test-emulator.js";

export const CONFIG = resolve(import.meta.dirname, "../fixtures/demo/jobsync.config.json");
export const SECRET = "s3cr3t-client-secret-value";
export const PLAN_LINE = "Plan: 16 job runs to create in 8 requests across 5 process runs.";
export const NO_CHANGES = "No changes. Job runs match the manifests.";

/** The emulator (demo seed) and the working folder of the current test (set before each test). */
export let emulator: TestEmulator;
export let dir: string;
beforeEach(async () => {
  emulator = await startTestEmulator();
  dir = await mkdtemp(join(tmpdir(), "jobsync-plan-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

export const env = () => ({
  JOBSYNC_BASE_URL: emulator.url,
  WORKIVA_CLIENT_ID: "ci",
  WORKIVA_CLIENT_SECRET: SECRET,
  NO_COLOR: "1",
});
export const jobsync = async (args: string[], extraEnv: Record<string, string> = {}) => {
  const io = memoryIO({ cwd: dir, env: { ...env(), ...extraEnv } });
  const code = await runCli([...args, "--config", CONFIG], io);
  return { code, out: io.out(), err: io.err() };
};
export const apiPosts = () =>
  emulator.requests.filter((r) => r.method === "POST" && !r.path.includes("oauth2"));
