/**
 * applyPlan over real HTTP against the emulator (see helpers/applier-setup.ts): the happy
 * path, re-runs and stale-plan detection. Faults are in apply-faults.test.ts.
 */
import { describe, expect, it } from "vitest";
import { checkStale } from "../src/apply/stale-check.js";
import { closeAfterEach, expectConverged, setup } from "./helpers/applier-setup.js";

closeAfterEach();

describe("applyPlan against the emulator", () => {
  it("creates exactly the planned job runs in the planned requests, then a re-run sends nothing", async () => {
    const s = await setup();
    const p = await s.plan();
    expect(p.summary).toMatchObject({ create: 8, requests: 5, processRuns: 3 });

    const result = await s.apply(p);
    expect(result).toMatchObject({
      createdCount: 8,
      requests: 5,
      failed: [],
      notAttempted: [],
      interrupted: false,
    });
    expect(s.posts()).toBe(5);
    expect(result.created.map((c) => [c.runId, c.titles])).toEqual([
      ["run-a", ["A1", "A2", "A4", "A3"]],
      ["run-b", ["B1", "B2", "B3"]],
      ["run-c", ["C1"]],
    ]);
    await expectConverged(s);

    const second = await s.apply(await s.plan());
    expect(second).toMatchObject({ createdCount: 0, requests: 0 });
    expect(s.posts()).toBe(5);
  });

  it("sends each run's insertions in plan order and reports start/done events", async () => {
    const s = await setup();
    await s.apply(await s.plan());
    const runA = s.events
      .filter((e) => "runId" in e && e.runId === "run-a")
      .map((e) => `${e.type}:${"index" in e ? e.index : ""}`);
    expect(runA).toEqual([
      "insertion-start:1",
      "insertion-done:1",
      "insertion-start:2",
      "insertion-done:2",
      "insertion-start:3",
      "insertion-done:3",
      // The verifying read after the run's last write.
      "verified:",
    ]);
    const done = s.events.find((e) => e.type === "insertion-done" && e.runId === "run-b");
    expect(done).toMatchObject({ createdIds: expect.any(Array), adopted: false, requests: 1, of: 1 });
  });
});

describe("checkStale", () => {
  it("finds the runs that changed since the plan, and only those", async () => {
    const s = await setup();
    const p = await s.plan();
    expect(await checkStale(p, s.client, 2)).toEqual([]);
    await s.client.createJobRuns("run-c", { parentGroupId: null, relativeSiblingId: null, before: null }, [
      {
        action: "sendTask",
        arguments: {
          type: "sendTask",
          sendTaskArgs: { title: "Other", assignee: { id: "u", type: "user" } },
        },
        triggerType: "whenEligible",
      },
    ]);
    const stale = await checkStale(p, s.client, 2);
    expect(stale.map((r) => r.runId)).toEqual(["run-c"]);
    expect(stale[0]?.planned).not.toBe(stale[0]?.live);
  });
});
