/**
 * `jobsync apply` reads the runs it will change all at once after taking its locks (issue 14.1:
 * at 1 s latency, reading eight runs one after another cost seven seconds). Observed, not timed:
 * each read's interval on the emulator (answered at `end`, `ms` after it arrived) overlaps another.
 */
import { resolve } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import { SEED } from "./fixtures/apply/scenario.js";
import { memoryIO } from "./helpers/memory-io.js";
import { startTestEmulator } from "./helpers/test-emulator.js";

const FIXTURE = resolve(import.meta.dirname, "fixtures/apply");

it("reads every run to change at the same time, not one after another", async () => {
  const reads: { path: string; start: number; end: number }[] = [];
  const handle = await startTestEmulator({
    seed: SEED,
    latencyMs: 150,
    onRequest: (r) => {
      if (r.method !== "GET" || !/^\/processRuns\/[^/]+$/.test(r.path)) return;
      const end = performance.now();
      reads.push({ path: r.path, start: end - r.ms, end });
    },
  });
  expect(await runCli(["apply", "--auto-approve"], memoryIO({ cwd: FIXTURE, env: handle.env() }))).toBe(0);
  // Before the first POST: the plan's reads (the last reads are apply's verifying ones).
  const before = reads.slice(0, 3);
  expect(new Set(before.map((r) => r.path)).size).toBe(3);
  const overlapping = before.filter((a) => before.some((b) => a !== b && b.start < a.end && a.start < b.end));
  expect(overlapping).toHaveLength(3);
});
