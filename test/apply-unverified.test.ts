/**
 * The "unverified" ends of an ambiguous POST failure, against the emulator over real HTTP with a
 * virtual clock: after a 5xx, the re-read that should settle it fails, or no longer shows the
 * group the job runs were sent to. Nothing is sent again; the failure says both what happened to
 * the POST and why its outcome is unknown, and the summary asks to check before re-running.
 */
import { describe, expect, it } from "vitest";
import { RERUN_AFTER_SETTLE_LINE, renderApplySummary } from "../src/render/apply-text.js";
import {
  a3InApprovals,
  closeAfterEach,
  failPost,
  postsTo,
  runBTasks,
  setup,
} from "./helpers/applier-setup.js";

closeAfterEach();

describe("an ambiguous POST failure that cannot be settled", () => {
  it("ends the run unverified when the re-read fails, sending nothing again", async () => {
    const s = await setup();
    const plan = await s.plan(runBTasks("B1", "B2"));
    failPost(s, "run-b", { type: "status-before", status: 503 });
    // The re-read is refused (a 403 is not retried by the client).
    s.handle.injectFault({
      method: "GET",
      path: "/processRuns/run-b",
      kind: { type: "status-before", status: 403 },
    });
    const result = await s.apply(plan);
    expect(result.failed).toEqual([
      expect.objectContaining({
        runId: "run-b",
        index: 1,
        status: 503,
        outcome: "unverified",
        titles: ["B1", "B2"],
      }),
    ]);
    const message = result.failed[0]?.message ?? "";
    expect(message).toMatch(
      /^the API failed with a server error \(HTTP 503[^)]*\).*; could not re-read the run to check: the API refused the request \(HTTP 403[^)]*\)/,
    );
    expect(s.events).toContainEqual(
      expect.objectContaining({ type: "reconcile", runId: "run-b", status: 503, found: 0, missing: 2 }),
    );
    expect(postsTo(s, "run-b")).toHaveLength(1);
    expect(result).toMatchObject({ createdCount: 0, requests: 1 });
    const text = renderApplySummary(result, { color: false });
    expect(text).not.toContain("Apply complete!");
    expect(text.trimEnd().split("\n").at(-1)).toBe(RERUN_AFTER_SETTLE_LINE);
  });

  it("ends the run unverified when the re-read no longer shows the target group, naming it", async () => {
    const s = await setup();
    const plan = await s.plan(a3InApprovals());
    const [insertion] = plan.processRuns[0]?.insertions ?? [];
    expect(insertion).toMatchObject({ parentGroupId: null, relativeSiblingId: "a-cfo", before: false });
    failPost(s, "run-a", { type: "status-after", status: 502 });
    // The re-read answers with the Approvals group (and so the sibling) gone.
    s.handle.injectFault({
      method: "GET",
      path: "/processRuns/run-a",
      kind: {
        type: "rewrite-body",
        rewrite: (body) => {
          const run = body as { root: { children: { type: string }[] } };
          run.root.children = run.root.children.filter((c) => c.type !== "groupRun");
          return run;
        },
      },
    });
    const result = await s.apply(plan);
    expect(result.failed).toEqual([
      expect.objectContaining({ runId: "run-a", status: 502, outcome: "unverified" }),
    ]);
    expect(result.failed[0]?.message).toMatch(
      /\(HTTP 502[^)]*\).*; the target group \(a-cfo\) is no longer in the run$/,
    );
    expect(postsTo(s, "run-a")).toHaveLength(1);
    expect(renderApplySummary(result, { color: false })).toContain(RERUN_AFTER_SETTLE_LINE);
  });
});
