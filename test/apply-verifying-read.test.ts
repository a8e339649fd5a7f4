/**
 * The verifying read after a run's last write (verify-run.ts, contract §9.3): a job run apply
 * created that the read does not show fails the apply; a read that fails leaves the run
 * unverified; after Ctrl-C there is no verifying read. Against the emulator over real HTTP.
 */
import { describe, expect, it } from "vitest";
import { applySucceeded, rerunIsSafe } from "../src/apply/apply-types.js";
import { renderApplySummary } from "../src/render/apply-text.js";
import { closeAfterEach, failPost, hideOnNextRead, runBTasks, setup } from "./helpers/applier-setup.js";

closeAfterEach();

const runB = runBTasks("B1", "B2", "B3");
const readsOfB = (s: Awaited<ReturnType<typeof setup>>) =>
  s.handle.requests.filter((r) => r.method === "GET" && r.path === "/processRuns/run-b").length;

describe("the verifying read", () => {
  it("fails the apply when it does not show a job run the apply created", async () => {
    const s = await setup();
    const plan = await s.plan(runB);
    hideOnNextRead(s, "run-b", "B2");
    const result = await s.apply(plan);
    const b2 = result.created[0]?.jobRunIds[1];
    expect(result.created).toEqual([expect.objectContaining({ runId: "run-b", titles: ["B1", "B2", "B3"] })]);
    expect(result.verified).toEqual([
      { runId: "run-b", missing: [{ id: b2, title: "B2" }], duplicates: [], retitled: [] },
    ]);
    expect(applySucceeded(result)).toBe(false);
    const text = renderApplySummary(result, { color: false });
    expect(text).toContain(`Apply failed: the verifying read found a problem.`);
    expect(text).toContain(`Created but no longer in the run:\n  run-b: ${b2}\n`);
  });

  it("leaves the run unverified when the read fails, and says a re-run is not yet safe", async () => {
    const s = await setup();
    const plan = await s.plan(runB);
    s.handle.injectFault({
      method: "GET",
      path: "/processRuns/run-b",
      kind: { type: "status-before", status: 403 },
    });
    const result = await s.apply(plan);
    expect(result).toMatchObject({ createdCount: 3, failed: [], verified: [] });
    expect(result.unverifiedRuns).toEqual([
      {
        runId: "run-b",
        message: expect.stringMatching(/^could not re-read the run to verify it: the API refused/),
      },
    ]);
    expect(applySucceeded(result)).toBe(false);
    expect(rerunIsSafe(result)).toBe(false);
    expect(renderApplySummary(result, { color: false })).toContain(
      'Not verified:\n  run-b: "could not re-read the run to verify it:',
    );
  });

  it("makes no verifying read after Ctrl-C", async () => {
    const s = await setup();
    const plan = await s.plan(runB);
    const before = readsOfB(s);
    const controller = new AbortController();
    const result = await s.apply(plan, {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "insertion-done") controller.abort();
      },
    });
    expect(result).toMatchObject({ createdCount: 3, interrupted: true, verified: [], unverifiedRuns: [] });
    expect(readsOfB(s) - before).toBe(0);
    expect(s.tree("run-b")).toEqual(["B1", "B2", "B3"]);
  });

  it("makes no verifying read of a run where nothing was created", async () => {
    const s = await setup();
    const plan = await s.plan(runB);
    const before = readsOfB(s);
    failPost(s, "run-b", { type: "status-before", status: 400 });
    const result = await s.apply(plan);
    expect(result.failed).toEqual([
      expect.objectContaining({ runId: "run-b", status: 400, outcome: "rejected" }),
    ]);
    expect(result).toMatchObject({ createdCount: 0, verified: [], unverifiedRuns: [] });
    expect(readsOfB(s) - before).toBe(0);
  });

  it("reads each run it wrote to once, and none it did not", async () => {
    const s = await setup();
    const plan = await s.plan(runB);
    const before = readsOfB(s);
    const result = await s.apply(plan);
    expect(result.verified).toEqual([{ runId: "run-b", missing: [], duplicates: [], retitled: [] }]);
    expect(readsOfB(s) - before).toBe(1);
    expect(
      s.handle.requests.filter((r) => r.method === "GET" && r.path === "/processRuns/run-a"),
    ).toHaveLength(0);
  });
});
