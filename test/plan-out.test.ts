/**
 * `jobsync plan --out` into a folder that does not exist is a user error (exit 1, what to do),
 * never "bug in jobsync" (contract §12). In-process against the emulator on port 0.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import { memoryIO } from "./helpers/memory-io.js";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

const CONFIG = resolve(import.meta.dirname, "fixtures/demo/jobsync.config.json");

let emulator: TestEmulator;
let dir: string;
beforeEach(async () => {
  emulator = await startTestEmulator();
  dir = await mkdtemp(join(tmpdir(), "jobsync-plan-out-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("plan --out into a missing folder exits 1 naming the folder and what to do", async () => {
  const io = memoryIO({
    cwd: dir,
    env: emulator.env({ WORKIVA_CLIENT_ID: "ci", WORKIVA_CLIENT_SECRET: "s" }),
  });
  const code = await runCli(["plan", "--out", "missing/sub/plan.json", "--config", CONFIG], io);
  expect(code).toBe(1);
  expect(io.err()).toContain(
    "cannot save the plan to missing/sub/plan.json: the folder missing/sub does not exist",
  );
  expect(io.err()).toContain("Create the folder first");
  expect(io.err()).not.toContain("bug in jobsync");
});
