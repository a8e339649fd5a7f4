/**
 * The wait and the re-send after a failed POST (insertion-runner.ts, recover-step.ts), against the
 * emulator over real HTTP with a virtual clock: a batch the client never got through (not sent)
 * goes out again, whole, and the apply only completes with it; Ctrl-C during the wait before a
 * re-send ends the wait at once and sends nothing more.
 */
import { describe, expect, it } from "vitest";
import { MAX_429_TRIES } from "../src/api/retry-policy.js";
import { applyCompleteLine, renderApplySummary } from "../src/render/apply-text.js";
import {
  closeAfterEach,
  expectConverged,
  failPost,
  postsTo,
  runBTasks,
  setup,
} from "./helpers/applier-setup.js";

closeAfterEach();

describe("sending again after a failed POST", () => {
  it("sends a batch the client gave up on (429s: not sent) again, whole, and completes only then", async () => {
    const s = await setup();
    const plan = await s.plan();
    // The client's every try of run-b's POST is refused, so it gives up: nothing was sent.
    failPost(s, "run-b", { type: "status-before", status: 429, retryAfter: 0 }, MAX_429_TRIES);
    const result = await s.apply(plan);
    expect(result).toMatchObject({ createdCount: 8, requests: 5, failed: [] });
    expect(s.events).toContainEqual(
      expect.objectContaining({ type: "retry", runId: "run-b", attempt: 2, jobs: 3, reason: "HTTP 429" }),
    );
    // Not sent: nothing to settle, so no re-read before sending again.
    expect(s.events.filter((e) => e.type === "reconcile")).toEqual([]);
    expect(postsTo(s, "run-b")).toHaveLength(MAX_429_TRIES + 1);
    expect(result.created.find((c) => c.runId === "run-b")?.titles).toEqual(["B1", "B2", "B3"]);
    expect(renderApplySummary(result, { color: false })).toBe(`${applyCompleteLine(result)}\n`);
    expect(applyCompleteLine(result)).toBe("Apply complete! Job runs: 8 created in 5 requests.");
    await expectConverged(s);
  });

  it("ends the wait before a re-send on Ctrl-C and sends nothing again", async () => {
    const s = await setup();
    const plan = await s.plan(runBTasks("B1"));
    failPost(s, "run-b", { type: "status-before", status: 503 });
    const controller = new AbortController();
    let resendDelayMs: number | undefined;
    let waitedMs: number | undefined;
    const result = await s.apply(plan, {
      settleMs: 0,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "retry") resendDelayMs = e.delayMs;
      },
      // The clock's sleep, except that Ctrl-C arrives as the re-send wait begins and a sleep given
      // the signal ends with it.
      sleep: async (ms, signal) => {
        if (resendDelayMs === undefined || waitedMs !== undefined) return s.clock.sleep(ms);
        const from = s.clock.now();
        controller.abort();
        if (!signal?.aborted) await s.clock.sleep(ms);
        waitedMs = s.clock.now() - from;
      },
    });
    expect(resendDelayMs).toBeGreaterThan(0);
    expect(waitedMs).toBe(0);
    expect(postsTo(s, "run-b")).toHaveLength(1);
    expect(result.interrupted).toBe(true);
    expect(result.failed).toEqual([expect.objectContaining({ runId: "run-b", status: 503 })]);
    expect(result.failed[0]?.message).toMatch(/\(not sent again: apply was interrupted\)$/);
    expect(s.tree("run-b")).toEqual([]);
  });
});
