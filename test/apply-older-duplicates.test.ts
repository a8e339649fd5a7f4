/**
 * §12: duplicates fail the apply only when they involve a job run this apply created or meant to
 * create; older duplicates of a managed identity are warnings (the API cannot delete them). The
 * demo seed with "Collect trial balance" twice in Q4 Close, applied through the CLI in-process.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import { DEMO_SEED } from "../src/emulator/demo-seed.js";
import type { EmulatorSeed, SeedNode } from "../src/emulator/emulator-types.js";
import { memoryIO } from "./helpers/memory-io.js";
import { startTestEmulator } from "./helpers/test-emulator.js";

const ROOT = new URL("..", import.meta.url).pathname;

function seedWithOlderDuplicate(): EmulatorSeed {
  const [q4, ...rest] = DEMO_SEED.processes;
  if (!q4?.run) throw new Error("the demo seed starts with Q4 Close and its run");
  const twin: SeedNode = {
    id: "jr-collect-tb-2",
    action: "sendTask",
    args: { title: "Collect trial balance", assignee: { id: "user123", type: "user" } },
  };
  const children = [...q4.run.children.slice(0, 2), twin, ...q4.run.children.slice(2)];
  return { ...DEMO_SEED, processes: [{ ...q4, run: { ...q4.run, children } }, ...rest] };
}

describe("a duplicate older than the apply", () => {
  it("is a warning with its ids and manifest line; the apply completes and exits 0", async () => {
    const emu = await startTestEmulator({ seed: seedWithOlderDuplicate() });
    const io = memoryIO({ cwd: ROOT, env: emu.env() });
    expect(await runCli(["apply", "--auto-approve", "--target", "run-q4close"], io)).toBe(0);
    const out = io.out();
    expect(out).toMatch(
      /Warning: duplicates older than this apply were left as they are \(the API cannot delete job runs; remove the extra ones in Workiva\):\n {2}run-q4close: sendTask "Collect trial balance" \[jr-collect-tb, jr-collect-tb-2\] \(manifests\/q4-close\.yaml:\d+\)\n\nApply complete! Job runs: 4 created in 3 requests\.\n$/,
    );
  });

  it("is in the JSON summary as olderDuplicates, with ok true", async () => {
    const emu = await startTestEmulator({ seed: seedWithOlderDuplicate() });
    const io = memoryIO({ cwd: ROOT, env: emu.env() });
    expect(await runCli(["apply", "--auto-approve", "--target", "run-q4close", "--format", "json"], io)).toBe(
      0,
    );
    const summary = JSON.parse(io.out().trim().split("\n").at(-1) ?? "{}");
    expect(summary).toMatchObject({
      type: "summary",
      ok: true,
      olderDuplicates: [
        {
          runId: "run-q4close",
          action: "sendTask",
          title: "Collect trial balance",
          jobRunIds: ["jr-collect-tb", "jr-collect-tb-2"],
          source: { file: "manifests/q4-close.yaml" },
        },
      ],
    });
  });

  it("without one, the summary is the success line alone", async () => {
    const emu = await startTestEmulator();
    const io = memoryIO({ cwd: ROOT, env: emu.env() });
    expect(await runCli(["apply", "--auto-approve", "--target", "run-q4close"], io)).toBe(0);
    expect(io.out()).not.toContain("Warning:");
    expect(io.out()).toMatch(/\n\nApply complete! Job runs: 4 created in 3 requests\.\n$/);
  });
});
