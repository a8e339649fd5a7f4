/**
 * When apply re-reads a run after an ambiguous POST (settle.ts): at once, then after pauses that
 * double from 1 s, the last one cut to the settle window's end, and a re-send only after a read
 * that began at the window's end. Against the emulator over real HTTP; the virtual clock is the
 * emulator's too, so each request's clock time is exact.
 */
import { describe, expect, it } from "vitest";
import { closeAfterEach, failPost, runBTasks, setup } from "./helpers/applier-setup.js";

closeAfterEach();

async function settleAfter503(settleMs: number) {
  const seen: { method: string; path: string; at: number }[] = [];
  let now = () => 0;
  const s = await setup({ onRequest: (r) => seen.push({ method: r.method, path: r.path, at: now() }) });
  now = s.clock.now;
  const plan = await s.plan(runBTasks("B1"));
  failPost(s, "run-b", { type: "status-before", status: 503 });
  seen.length = 0;
  const result = await s.apply(plan, { parallelism: 1, settleMs });
  const [failedPost, resent] = seen.filter((r) => r.method === "POST" && r.path.endsWith("/jobRuns"));
  const from = failedPost?.at ?? Number.NaN;
  const reReads = seen
    .filter((r) => r.method === "GET" && r.path === "/processRuns/run-b" && r.at < (resent?.at ?? Infinity))
    .map((r) => r.at - from);
  return { s, result, reReads, resentAfter: (resent?.at ?? Number.NaN) - from };
}

describe("settling an ambiguous POST", () => {
  it("re-reads at once, then after 1, 2, 4, 8 and 16 s, and at the window's end; then re-sends", async () => {
    const { s, result, reReads, resentAfter } = await settleAfter503(35_000);
    expect(reReads).toEqual([0, 1000, 3000, 7000, 15_000, 31_000, 35_000]);
    // The re-send waits apply's first backoff (0.5 s with jitter 0.5: 375 ms) after the last read.
    expect(resentAfter).toBe(35_000 + 375);
    expect(result).toMatchObject({ createdCount: 1, failed: [] });
    expect(s.tree("run-b")).toEqual(["B1"]);
  });

  it("cuts the pause to the window's end when the window is short", async () => {
    const { reReads, result } = await settleAfter503(2500);
    expect(reReads).toEqual([0, 1000, 2500]);
    expect(result).toMatchObject({ createdCount: 1, failed: [] });
  });

  it("with no window, decides on the first read", async () => {
    const { reReads, resentAfter } = await settleAfter503(0);
    expect(reReads).toEqual([0]);
    expect(resentAfter).toBe(375);
  });
});
