/**
 * Signals through a real process (contract §9.6): SIGTERM during apply lets the request in flight
 * settle and prints the summary (exit 1); a second Ctrl-C exits 130 at once with what is known.
 * The emulator answers POSTs slowly (a latency fault), so the signal lands while one is in flight;
 * the child says when by its own output (the "Creating" line), never by a timer of the test.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

const BIN = resolve(import.meta.dirname, "../dist/cli/bin.js");
const CONFIG = resolve(import.meta.dirname, "fixtures/demo/jobsync.config.json");

let emulator: TestEmulator;
let locks: string;
beforeEach(async () => {
  emulator = await startTestEmulator();
  locks = await mkdtemp(join(tmpdir(), "jobsync-sig-"));
});
afterEach(async () => {
  await rm(locks, { recursive: true, force: true });
});

function applyProcess(): {
  child: ChildProcess;
  done: Promise<{ code: number | null; out: string }>;
  started: Promise<void>;
  interrupted: Promise<void>;
} {
  const child = spawn(process.execPath, [BIN, "apply", "--auto-approve", "--config", CONFIG], {
    cwd: import.meta.dirname,
    env: {
      PATH: process.env.PATH ?? "",
      JOBSYNC_BASE_URL: emulator.url,
      WORKIVA_CLIENT_ID: "ci",
      WORKIVA_CLIENT_SECRET: "s",
      NO_COLOR: "1",
      JOBSYNC_LOCK_DIR: locks,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let signalStarted: () => void = () => {};
  let signalInterrupted: () => void = () => {};
  const started = new Promise<void>((r) => {
    signalStarted = r;
  });
  const interrupted = new Promise<void>((r) => {
    signalInterrupted = r;
  });
  child.stdout?.setEncoding("utf8").on("data", (s: string) => {
    out += s;
    if (/Creating \d+ job run/.test(out)) signalStarted();
    if (/Interrupted: starting no new insertions/.test(out)) signalInterrupted();
  });
  const done = new Promise<{ code: number | null; out: string }>((r) =>
    child.on("close", (code) => r({ code, out })),
  );
  return { child, done, started, interrupted };
}

describe("signals during apply", () => {
  it("SIGTERM: no new insertions, the one in flight finishes, the summary, exit 1", async () => {
    emulator.injectFault({
      method: "POST",
      path: "/jobRuns",
      times: 100,
      kind: { type: "latency", ms: 400 },
    });
    const { child, done, started } = applyProcess();
    await started;
    child.kill("SIGTERM");
    const { code, out } = await done;
    expect(code).toBe(1);
    expect(out).toContain("Apply interrupted");
    expect(out).toMatch(/Re-running `jobsync apply` is safe/);
  }, 20_000);

  it("a second Ctrl-C exits 130 at once with what is known so far", async () => {
    emulator.injectFault({
      method: "POST",
      path: "/jobRuns",
      times: 100,
      kind: { type: "latency", ms: 3000 },
    });
    const { child, done, started, interrupted } = applyProcess();
    await started;
    child.kill("SIGINT");
    await interrupted;
    child.kill("SIGINT");
    const { code, out } = await done;
    expect(code).toBe(130);
    expect(out).toContain("Interrupted again: exiting now, without waiting. Known so far:");
    expect(out).toContain("In flight (outcome unknown");
  }, 20_000);
});
