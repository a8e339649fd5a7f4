/**
 * The per-run lock and the fresh read of apply (contract §9.1, §9.2), end to end against the
 * emulator: a held lock refuses at once (nothing sent); a lock left by a process that is gone is
 * taken over with a note; two applies started together create every job run once.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lockFile, lockRuns } from "../src/apply/run-lock.js";
import { runCli } from "../src/cli/main.js";
import { memoryIO } from "./helpers/memory-io.js";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

const CONFIG = resolve(import.meta.dirname, "fixtures/demo/jobsync.config.json");
let emulator: TestEmulator;
let locks: string;
beforeEach(async () => {
  emulator = await startTestEmulator();
  locks = await mkdtemp(join(tmpdir(), "jobsync-locks-"));
});
afterEach(async () => {
  await rm(locks, { recursive: true, force: true });
});

const jobsync = async (args: string[]) => {
  const io = memoryIO({
    cwd: import.meta.dirname,
    env: {
      JOBSYNC_BASE_URL: emulator.url,
      WORKIVA_CLIENT_ID: "ci",
      WORKIVA_CLIENT_SECRET: "s",
      NO_COLOR: "1",
      JOBSYNC_LOCK_DIR: locks,
    },
  });
  const code = await runCli([...args, "--config", CONFIG], io);
  return { code, out: io.out(), err: io.err() };
};
const posts = () => emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith("/jobRuns"));

describe("apply's per-run lock", () => {
  it("refuses at once when another apply holds a run's lock, naming the holder; nothing is sent", async () => {
    const held = await lockRuns(emulator.url, ["run-vendor"], {
      dir: locks,
      timeoutMs: 0,
      now: Date.now,
      sleep: async () => {},
      command: "jobsync apply (elsewhere)",
    });
    const { code, err } = await jobsync(["apply", "--auto-approve", "--lock-timeout", "0s"]);
    expect(code).toBe(1);
    expect(err).toMatch(
      new RegExp(
        `process run run-vendor is locked by another jobsync apply \\(pid ${process.pid} on .*: jobsync apply \\(elsewhere\\)\\); nothing was applied`,
      ),
    );
    expect(posts()).toEqual([]);
    await held.release();
    expect((await jobsync(["apply", "--auto-approve"])).code).toBe(0);
  });

  it("takes over a lock whose holder process is gone, with a note", async () => {
    const gone = spawnSync(process.execPath, [
      "-e",
      "process.stdout.write(String(process.pid))",
    ]).stdout.toString();
    const holder = {
      pid: Number(gone),
      host: hostname(),
      startedAt: "2026-01-01T00:00:00.000Z",
      runId: "run-vendor",
      baseUrl: emulator.url,
      command: "x",
    };
    await writeFile(lockFile(locks, emulator.url, "run-vendor"), JSON.stringify(holder));
    const { code, err } = await jobsync(["apply", "--auto-approve"]);
    expect(code).toBe(0);
    expect(err).toContain(`Note: took over the lock of process run run-vendor from pid ${gone}`);
  });

  it("two applies started together create every job run once", async () => {
    const [a, b] = await Promise.all([
      jobsync(["apply", "--auto-approve", "--lock-timeout", "30s"]),
      jobsync(["apply", "--auto-approve", "--lock-timeout", "30s"]),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(posts().filter((r) => r.status === 201)).toHaveLength(8);
    const again = await jobsync(["plan"]);
    expect(again.out.trimEnd().split("\n").at(-1)).toBe("No changes. Job runs match the manifests.");
  });

  it("refuses a malformed --lock-timeout before reading anything", async () => {
    const { code, err } = await jobsync(["apply", "--auto-approve", "--lock-timeout", "soon"]);
    expect(code).toBe(1);
    expect(err).toContain('--lock-timeout must be a duration such as 0s, 30s or 2m (got "soon")');
    expect(emulator.requests).toEqual([]);
  });
});
