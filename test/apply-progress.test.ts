/**
 * Apply's live progress line as a terminal of 40 and of 120 columns sees it: redrawn in place,
 * never wider than the terminal, with the time left from the rate budget and the work left.
 * The clock is fake (vitest's timers drive the once-a-second redraw and Date).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ApplyEvent, ApplyResult } from "../src/apply/apply-types.js";
import { createWaitTracker } from "../src/apply/wait-tracker.js";
import { createApplyOutput } from "../src/cli/apply-output.js";
import type { CommandContext } from "../src/cli/cli-types.js";
import { displayWidth } from "../src/render/display-width.js";
import { memoryIO } from "./helpers/memory-io.js";

function terminal(columns: number) {
  let out = "";
  const io = memoryIO({ tty: true });
  const ctx: CommandContext = {
    io: { ...io, stdout: { isTTY: true, columns, write: (s: string) => (out += s) } },
    global: { color: false, debug: false },
    values: {},
    positionals: [],
  };
  /** The progress lines drawn so far: what follows each "clear line" that is not a whole line. */
  const frames = () =>
    out
      .split("\r\u001b[2K")
      .slice(1)
      .filter((f) => f !== "" && !f.includes("\n"));
  return { ctx, frames, out: () => out };
}

const start = (runId: string, index: number, of: number): ApplyEvent => ({
  type: "insertion-start",
  runId,
  index,
  of,
  titles: ["Review"],
  explain: {
    where: "after",
    sibling: { kind: "job", id: "jr-1", label: "Kickoff" },
    group: { kind: "group", id: "root", label: "" },
    groupPath: [],
  },
});
const done = (runId: string, index: number, of: number, ids: string[]): ApplyEvent => ({
  type: "insertion-done",
  runId,
  index,
  of,
  createdIds: ids,
  ms: 800,
  adopted: false,
  requests: 1,
});

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-12-06T04:00:00Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Ten insertions over two runs at a budget of 2 requests per second (500 ms each). */
function drive(columns: number) {
  const t = terminal(columns);
  const waits = createWaitTracker();
  const output = createApplyOutput(t.ctx, "text", waits, {
    now: () => Date.now(),
    budgets: () => [{ limit: 2, ms: 1000 }],
  });
  output.event({ type: "apply-start", runs: 2, insertions: 10, jobs: 40, parallelism: 2 });
  output.event(start("run-東京-四半期決算レビュー-2026", 1, 5));
  const first = t.frames().at(-1);
  for (let i = 1; i <= 4; i++) {
    vi.advanceTimersByTime(2000);
    output.event(done("run-東京-四半期決算レビュー-2026", i, 5, [`jr_${i}a`, `jr_${i}b`]));
    output.event(start("run-東京-四半期決算レビュー-2026", i + 1, 5));
  }
  waits.note({ reason: "rate-limit", untilMs: Date.now() + 20_000 });
  vi.advanceTimersByTime(1000); // the once-a-second redraw, during the wait
  const waiting = t.frames().at(-1);
  const result: ApplyResult = {
    planned: { jobs: 40, requests: 10, runs: 2 },
    created: [],
    createdCount: 8,
    requests: 4,
    failed: [],
    notAttempted: [],
    verified: [],
    unverifiedRuns: [],
    olderDuplicates: [],
    interrupted: false,
  };
  output.summary(result);
  output.close();
  return { t, first, waiting };
}

describe("apply's live progress line", () => {
  it("at 40 columns never wraps, and keeps the count and the time left", () => {
    const { t, first, waiting } = drive(40);
    expect(t.frames().length).toBeGreaterThan(5);
    for (const frame of t.frames()) expect(displayWidth(frame), frame).toBeLessThanOrEqual(39);
    // 10 insertions + 2 verifying reads at 500 ms each.
    expect(first).toBe("Applying 0/10, 0 created, ~6.0s left");
    // 4 done in 9 s: 8 requests left at the pace seen is 18 s, but a wait has 19 s to go (its
    // own words do not fit beside the count and the time left; "created" still does).
    expect(waiting).toBe("Applying 4/10, 8 created, ~19s left");
  });

  it("at 120 columns says it in words, with the run being worked on", () => {
    const { t, first, waiting } = drive(120);
    for (const frame of t.frames()) expect(displayWidth(frame), frame).toBeLessThanOrEqual(119);
    expect(first).toBe(
      "Applying: 0/10 insertions, 0 job runs created, 0.0s, about 6.0s left, now run-東京-四半期決算レビュー-2026 (1/5)",
    );
    // In words it would take 137 columns: the short forms fit.
    expect(waiting).toBe(
      "Applying 4/10, 8 created, 9.0s, ~19s left, rate limit 19s, run-東京-四半期決算レビュー-2026 (5/5)",
    );
    expect(t.out()).toContain("Apply complete! Job runs: 8 created in 4 requests.");
  });
});

describe("FORCE_COLOR through the CLI", () => {
  const plan = new URL("./fixtures/plans/full.json", import.meta.url).pathname;
  const show = async (env: Record<string, string>, tty: boolean, flags: string[] = []) => {
    vi.useRealTimers();
    const { runCli } = await import("../src/cli/main.js");
    const io = memoryIO({ env, tty });
    expect(await runCli(["show", plan, ...flags], io)).toBe(0);
    return io.out().includes("\u001b[");
  };

  it("colours a pipe with FORCE_COLOR=1, not a terminal with FORCE_COLOR=0, never with --no-color", async () => {
    expect(await show({}, false)).toBe(false);
    expect(await show({}, true)).toBe(true);
    expect(await show({ FORCE_COLOR: "1" }, false)).toBe(true);
    expect(await show({ FORCE_COLOR: "1", NO_COLOR: "1" }, false)).toBe(true);
    expect(await show({ FORCE_COLOR: "0" }, true)).toBe(false);
    expect(await show({ NO_COLOR: "1" }, true)).toBe(false);
    expect(await show({ FORCE_COLOR: "3" }, true, ["--no-color"])).toBe(false);
  });
});
