/**
 * What recovery from a failed POST reports and how long it reads, against the emulator over real
 * HTTP with a virtual clock: an insertion is "adopted" only when job runs were found in place
 * (after a commit the answer hid, or a 409), never after a plain re-send; settling stops reading
 * as soon as everything is there; a job run that shows up late beside another is never re-sent;
 * the wait is visible as "settle"; and a second unclear answer stops, counting the job runs.
 */
import { describe, expect, it } from "vitest";
import type { ApplyEvent } from "../src/apply/apply-types.js";
import { createWaitTracker } from "../src/apply/wait-tracker.js";
import type { FaultSpec } from "../src/emulator/emulator-types.js";
import { closeAfterEach, hideOnNextRead, runBTasks, type Setup, setup } from "./helpers/applier-setup.js";

closeAfterEach();

const POSTS = "/processRuns/run-b/jobRuns";

/** Plans B1..Bn into run-b, injects `faults`, applies; the requests from the first POST on, with clock times. */
async function applyWith(
  faults: readonly FaultSpec[],
  titles = ["B1", "B2"],
  settleMs = 35_000,
  more: (s: Setup) => void = () => {},
) {
  const seen: { method: string; path: string; at: number }[] = [];
  let now = () => 0;
  const s = await setup({ onRequest: (r) => seen.push({ method: r.method, path: r.path, at: now() }) });
  now = s.clock.now;
  const plan = await s.plan(runBTasks(...titles));
  for (const fault of faults) s.handle.injectFault(fault);
  more(s);
  seen.length = 0;
  const waits = createWaitTracker();
  const waitReasons: string[] = [];
  const result = await s.apply(plan, {
    parallelism: 1,
    settleMs,
    waits,
    sleep: async (ms) => {
      const wait = waits.current(s.clock.now());
      if (wait) waitReasons.push(wait.reason);
      await s.clock.sleep(ms);
    },
  });
  const firstPost = seen.find((r) => r.method === "POST")?.at ?? Number.NaN;
  const reads = seen
    .filter((r) => r.method === "GET" && r.path === "/processRuns/run-b")
    .map((r) => r.at - firstPost);
  const done = s.events.filter(
    (e): e is Extract<ApplyEvent, { type: "insertion-done" }> => e.type === "insertion-done",
  );
  return { s, result, reads, done, waitReasons };
}

describe("recovering from a failed POST", () => {
  it("adopts job runs a 502 hid, reading once to settle and once to verify", async () => {
    const { s, result, reads, done } = await applyWith([
      { method: "POST", path: POSTS, kind: { type: "status-after", status: 502 } },
    ]);
    expect(result).toMatchObject({ createdCount: 2, failed: [] });
    expect(done).toEqual([expect.objectContaining({ adopted: true })]);
    expect(reads).toEqual([0, 0]);
    expect(s.tree("run-b")).toEqual(["B1", "B2"]);
  });

  it("does not call a re-send after a 503 that committed nothing adopted, and shows the wait as settle", async () => {
    const { result, done, waitReasons } = await applyWith([
      { method: "POST", path: POSTS, kind: { type: "status-before", status: 503 } },
    ]);
    expect(result).toMatchObject({ createdCount: 2, failed: [] });
    expect(done).toEqual([expect.objectContaining({ adopted: false })]);
    expect(waitReasons).toContain("settle");
  });

  it("does not call a re-send after 429s that outlasted the client's tries adopted", async () => {
    const { s, result, done } = await applyWith([
      { method: "POST", path: POSTS, times: 12, kind: { type: "status-before", status: 429, retryAfter: 1 } },
    ]);
    expect(result).toMatchObject({ createdCount: 2, failed: [] });
    expect(done).toEqual([expect.objectContaining({ adopted: false })]);
    expect(s.tree("run-b")).toEqual(["B1", "B2"]);
  });

  it("after a 409, adopts the job runs in place, and does not call a re-send of absent ones adopted", async () => {
    const committed = await applyWith([
      { method: "POST", path: POSTS, kind: { type: "status-after", status: 409 } },
    ]);
    expect(committed.done).toEqual([expect.objectContaining({ adopted: true })]);
    expect(committed.s.tree("run-b")).toEqual(["B1", "B2"]);
    const refused = await applyWith([
      { method: "POST", path: POSTS, kind: { type: "status-before", status: 409 } },
    ]);
    expect(refused.done).toEqual([expect.objectContaining({ adopted: false })]);
    expect(refused.s.tree("run-b")).toEqual(["B1", "B2"]);
  });

  it("keeps reading while one of two committed job runs does not show yet, and sends neither again", async () => {
    const { s, result, reads, done } = await applyWith(
      [{ method: "POST", path: POSTS, kind: { type: "status-after", status: 504 } }],
      ["B1", "B2"],
      35_000,
      (s) => hideOnNextRead(s, "run-b", "B2"),
    );
    expect(reads).toEqual([0, 1000, 1000]);
    expect(result).toMatchObject({ createdCount: 2, failed: [] });
    expect(done).toEqual([expect.objectContaining({ adopted: true })]);
    expect(s.posts()).toBe(1);
    expect(s.tree("run-b")).toEqual(["B1", "B2"]);
  });

  it.each([
    [["B1"], "a job run"],
    [["B1", "B2"], "2 job runs"],
  ])(
    "stops when %j, sent again after an unclear answer, is again unclear, naming %s",
    async (titles, what) => {
      const { result } = await applyWith(
        [{ method: "POST", path: POSTS, times: 2, kind: { type: "status-before", status: 503 } }],
        titles,
        0,
      );
      expect(result.failed).toEqual([
        expect.objectContaining({
          outcome: "unverified",
          message: expect.stringContaining(
            `; ${what} already sent again once after an unclear answer did not appear (not sent a third time)`,
          ),
        }),
      ]);
    },
  );
});
