/**
 * A 409 on a POST (contract §12) against the emulator: one re-read; on a run still running, the
 * missing job runs are sent once more through the normal path; a second 409 ends the run.
 */
import { describe, expect, it } from "vitest";
import { closeAfterEach, expectConverged, setup } from "./helpers/applier-setup.js";

closeAfterEach();

describe("a 409 while the run still reads as running", () => {
  it("re-reads once and sends again: created once, the apply succeeds", async () => {
    const s = await setup();
    s.handle.injectFault({
      method: "POST",
      path: "/processRuns/run-b/jobRuns",
      kind: { type: "status-before", status: 409 },
    });
    const result = await s.apply(await s.plan());
    expect(result).toMatchObject({ createdCount: 8, failed: [] });
    expect(s.posts()).toBe(6);
    const reads = s.handle.requests.filter((r) => r.method === "GET" && r.path === "/processRuns/run-b");
    expect(reads).toHaveLength(3); // the plan read, the 409's re-read and the verifying read
    await expectConverged(s);
  });

  it("adopts what a 409 committed anyway instead of sending it twice", async () => {
    const s = await setup();
    s.handle.injectFault({
      method: "POST",
      path: "/processRuns/run-b/jobRuns",
      kind: { type: "status-after", status: 409 },
    });
    const result = await s.apply(await s.plan());
    expect(result).toMatchObject({ createdCount: 8, failed: [] });
    expect(s.posts()).toBe(5);
    await expectConverged(s);
  });

  it("a second 409 ends the run with the API's words, sending nothing a third time", async () => {
    const s = await setup();
    s.handle.injectFault({
      method: "POST",
      path: "/processRuns/run-b/jobRuns",
      times: 5,
      kind: { type: "status-before", status: 409 },
    });
    const result = await s.apply(await s.plan());
    expect(result.failed).toEqual([
      expect.objectContaining({ runId: "run-b", status: 409, outcome: "rejected" }),
    ]);
    expect(s.handle.requests.filter((r) => r.method === "POST" && r.path.includes("run-b"))).toHaveLength(2);
    expect(result.created.map((c) => c.runId)).toEqual(["run-a", "run-c"]);
  });
});
