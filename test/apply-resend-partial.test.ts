/**
 * The pause before a re-send and what a stopped insertion reports (insertion-runner.ts), against
 * the emulator over real HTTP with a virtual clock: the backoff's steps, the retry event's reason
 * and count, the wait shown as "resend", no pause at all once apply is interrupted, and a stop
 * after part of an insertion exists listing exactly that part as created.
 */
import { describe, expect, it } from "vitest";
import { resendDelay } from "../src/apply/insertion-runner.js";
import { createWaitTracker } from "../src/apply/wait-tracker.js";
import {
  closeAfterEach,
  failPost,
  hideOnNextRead,
  postsTo,
  runBTasks,
  setup,
} from "./helpers/applier-setup.js";

closeAfterEach();

describe("the backoff before a re-send", () => {
  it("is half to all of 0.5 s after the first POST, doubling per POST up to 8 s", () => {
    expect([resendDelay(1, () => 0), resendDelay(1, () => 1)]).toEqual([250, 500]);
    expect([resendDelay(2, () => 1), resendDelay(3, () => 1), resendDelay(5, () => 1)]).toEqual([
      1000, 2000, 8000,
    ]);
    expect(resendDelay(40, () => 1)).toBe(8000);
    expect(resendDelay(0, () => 1)).toBe(500);
  });
});

describe("the pause before a re-send", () => {
  it("names a failure without a status by its message, counts the jobs, and shows as resend", async () => {
    const s = await setup();
    const plan = await s.plan(runBTasks("B1", "B2"));
    failPost(s, "run-b", { type: "reset-before" });
    const waits = createWaitTracker();
    const reasons: string[] = [];
    const result = await s.apply(plan, {
      settleMs: 0,
      waits,
      sleep: async (ms) => {
        const wait = waits.current(s.clock.now());
        if (wait) reasons.push(wait.reason);
        await s.clock.sleep(ms);
      },
    });
    expect(result).toMatchObject({ createdCount: 2, failed: [] });
    const retry = s.events.find((e) => e.type === "retry");
    expect(retry).toMatchObject({ runId: "run-b", attempt: 2, jobs: 2, delayMs: 375 });
    expect(retry?.type === "retry" && retry.reason).not.toMatch(/^HTTP/);
    expect(retry?.type === "retry" && retry.reason.length).toBeGreaterThan(0);
    expect(reasons).toContain("resend");
  });

  it("does not begin once apply was interrupted during the re-read", async () => {
    const s = await setup();
    const plan = await s.plan(runBTasks("B1"));
    failPost(s, "run-b", { type: "status-before", status: 503 });
    const controller = new AbortController();
    const result = await s.apply(plan, {
      settleMs: 0,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "reconcile") controller.abort();
      },
    });
    expect(s.events.filter((e) => e.type === "retry")).toEqual([]);
    expect(result.failed[0]?.message).toMatch(/\(not sent again: apply was interrupted\)$/);
    expect(postsTo(s, "run-b")).toHaveLength(1);
  });
});

describe("an insertion that stops with part of it in place", () => {
  it("reports the job runs that exist as created, and the refusal's status and entry", async () => {
    const s = await setup();
    const plan = await s.plan(runBTasks("B1", "B2", "B3"));
    // The POST commits all three but answers 502; B3 does not show on any read, so it is sent
    // again, and that re-send is refused naming its only item.
    failPost(s, "run-b", { type: "status-after", status: 502 });
    hideOnNextRead(s, "run-b", "B3", 50);
    s.handle.injectFault({
      method: "POST",
      path: "/processRuns/run-b/jobRuns",
      nth: 2,
      kind: { type: "status-before", status: 400, target: "[0].arguments.sendTaskArgs.assignee" },
    });
    const result = await s.apply(plan, { settleMs: 2000 });
    expect(postsTo(s, "run-b")).toHaveLength(2);
    expect(result.failed).toEqual([
      expect.objectContaining({
        runId: "run-b",
        status: 400,
        outcome: "rejected",
        entries: [expect.objectContaining({ title: "B3" })],
      }),
    ]);
    const created = result.created.find((c) => c.runId === "run-b");
    expect(created?.titles).toEqual(["B1", "B2"]);
    expect(created?.jobRunIds).toHaveLength(2);
  });
});
