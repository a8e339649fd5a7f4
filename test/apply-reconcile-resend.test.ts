/**
 * What apply re-sends after an ambiguous POST failure, decided from the re-read (reconcile.ts),
 * against the emulator over real HTTP with a virtual clock: the rest of a batch after a job run
 * that was adopted goes out from its own index, and two new job runs of one identity created by
 * the failed request are both adopted.
 */
import { describe, expect, it } from "vitest";
import { assignee, closeAfterEach, failPost, postsTo, runBTasks, setup } from "./helpers/applier-setup.js";

closeAfterEach();

describe("re-sending after an ambiguous failure", () => {
  it("sends the missing rest after an adopted job run in plan order, each once", async () => {
    const s = await setup();
    const plan = await s.plan(runBTasks("B1", "B2", "B3"));
    // Another writer creates B1 after the plan; the POST of [B1, B2, B3] then fails before the
    // commit. The re-read shows B1 (adopted: the plan saw none), so B2 and B3 go out after it.
    await s.client.createJobRuns("run-b", { parentGroupId: null, relativeSiblingId: null, before: null }, [
      {
        action: "sendTask",
        arguments: { type: "sendTask", sendTaskArgs: { title: "B1", assignee } },
        triggerType: "whenEligible",
      },
    ]);
    failPost(s, "run-b", { type: "status-before", status: 503 });
    const result = await s.apply(plan);
    expect(result.failed).toEqual([]);
    expect(s.tree("run-b")).toEqual(["B1", "B2", "B3"]);
    expect(s.events).toContainEqual(
      expect.objectContaining({ type: "reconcile", runId: "run-b", found: 1, missing: 2 }),
    );
    expect(result.created).toEqual([expect.objectContaining({ runId: "run-b", titles: ["B1", "B2", "B3"] })]);
    expect(postsTo(s, "run-b")).toHaveLength(1 + 2);
  });

  it("adopts both job runs of one identity that a failed POST created, sending neither again", async () => {
    const s = await setup();
    const plan = await s.plan(runBTasks("Twin", "Twin"));
    failPost(s, "run-b", { type: "status-after", status: 500 });
    const result = await s.apply(plan);
    expect(s.events).toContainEqual(
      expect.objectContaining({ type: "reconcile", runId: "run-b", found: 2, missing: 0 }),
    );
    expect(s.tree("run-b")).toEqual(["Twin", "Twin"]);
    expect(postsTo(s, "run-b")).toHaveLength(1);
    expect(result).toMatchObject({ createdCount: 2, failed: [] });
  });
});
