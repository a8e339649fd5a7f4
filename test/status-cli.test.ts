/**
 * `jobsync status` end to end against the emulator (demo seed) over real HTTP on port 0: out of
 * sync before apply (exit 2 with --detailed-exitcode), in sync after (exit 0), health with the
 * overdue job runs, in text, JSON and markdown.
 */
import { resolve } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import type { StatusReport } from "../src/plan/status-report.js";
import { memoryIO } from "./helpers/memory-io.js";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

const CONFIG = resolve(import.meta.dirname, "fixtures/demo/jobsync.config.json");
let emulator: TestEmulator;
beforeEach(async () => {
  emulator = await startTestEmulator();
});

const jobsync = async (args: string[]) => {
  const io = memoryIO({
    cwd: import.meta.dirname,
    env: {
      JOBSYNC_BASE_URL: emulator.url,
      WORKIVA_CLIENT_ID: "ci",
      WORKIVA_CLIENT_SECRET: "s",
      NO_COLOR: "1",
    },
  });
  const code = await runCli([...args, "--config", CONFIG], io);
  return { code, out: io.out(), err: io.err() };
};

describe("jobsync status", () => {
  it("is out of sync before apply (exit 2) and in sync after (exit 0), and sends nothing", async () => {
    const before = await jobsync(["status", "--detailed-exitcode"]);
    expect(before.err).toBe("");
    expect(before.code).toBe(2);
    expect(before.out).toContain(
      'run-q4close "Q4 Close": OutOfSync (4 missing); 5 job runs: 1 complete, 1 running, 3 waiting; 2 overdue\n',
    );
    expect(before.out).toContain("    overdue: Collect trial balance (due 2024-12-01)\n");
    expect(before.out.trimEnd().split("\n").at(-1)).toBe(
      "5 of 5 process runs out of sync (0 in sync). Run jobsync plan to see the changes.",
    );
    expect(emulator.requests.filter((r) => r.method === "POST" && !r.path.includes("oauth2"))).toEqual([]);

    expect((await jobsync(["apply", "--auto-approve"])).code).toBe(0);
    const after = await jobsync(["status", "--detailed-exitcode"]);
    expect(after.code).toBe(0);
    expect(after.out.trimEnd().split("\n").at(-1)).toBe("All 5 process runs in sync.");
  });

  it("--format json gives every run's counts; markdown a table", async () => {
    const json = await jobsync(["status", "--format", "json"]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out) as StatusReport;
    expect(report.runs.map((r) => [r.id, r.sync, r.missing])).toEqual([
      ["run-annual-2024", "OutOfSync", 3],
      ["run-close-december-2026", "OutOfSync", 3],
      ["run-close-november-2026", "OutOfSync", 3],
      ["run-q4close", "OutOfSync", 4],
      ["run-vendor", "OutOfSync", 3],
    ]);
    const md = await jobsync(["status", "--format", "markdown", "--target", "run-vendor"]);
    expect(md.out).toContain(
      "| Process run | Sync | Missing | Drifted | Out of order | Duplicated | Health |",
    );
    expect(md.out).toContain("| run-vendor Vendor onboarding | OutOfSync | 3 | 0 | 0 | 0 | 0 job runs |");
  });
});

describe("--parallelism", () => {
  it("overrides the config's parallelism (apply reports it) and refuses a bad value", async () => {
    const applied = await jobsync(["apply", "--auto-approve", "--format", "json", "--parallelism", "2"]);
    expect(applied.code).toBe(0);
    const start = applied.out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { type: string; parallelism?: number })
      .find((e) => e.type === "apply-start");
    expect(start?.parallelism).toBe(2);
    const bad = await jobsync(["plan", "--parallelism", "0"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--parallelism must be a whole number from 1 to 9999, or auto (got "0")');
  });
});
