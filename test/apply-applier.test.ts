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

  it("sends a run's independent insertions at once, then one verifying read, and reports start/done events", async () => {
    const s = await setup();
    await s.apply(await s.plan());
    const runA = s.events
      .filter((e) => "runId" in e && e.runId === "run-a")
      .map((e) => `${e.type}:${"index" in e ? e.index : ""}`);
    // run-a's three insertions hang on three different live nodes of a parallel run: all go out
    // before any answer; the verifying read comes after the last.
    expect(runA.slice(0, 3)).toEqual(["insertion-start:1", "insertion-start:2", "insertion-start:3"]);
    expect(runA.slice(3, 6).sort()).toEqual(["insertion-done:1", "insertion-done:2", "insertion-done:3"]);
    expect(runA[6]).toBe("verified:");
    const done = s.events.find((e) => e.type === "insertion-done" && e.runId === "run-b");
    expect(done).toMatchObject({ createdIds: expect.any(Array), adopted: false, requests: 1, of: 1 });
    await expectConverged(s);
  });

  it("with parallelism 1 sends one request at a time, in plan order", async () => {
    const s = await setup();
    await s.apply(await s.plan(), { parallelism: 1 });
    const order = s.events
      .filter((e) => e.type === "insertion-start" || e.type === "insertion-done")
      .map((e) =>
        "runId" in e && "index" in e
          ? `${e.type === "insertion-start" ? ">" : "<"}${e.runId}:${e.index}`
          : "",
      );
    for (let i = 0; i < order.length; i += 2) expect(order[i + 1]).toBe(order[i]?.replace(">", "<"));
    expect(order.filter((o) => o.startsWith(">"))).toEqual([
      ">run-a:1",
      ">run-a:2",
      ">run-a:3",
      ">run-b:1",
      ">run-c:1",
    ]);
    await expectConverged(s);
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
