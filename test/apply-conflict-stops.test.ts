/**
 * A 409 on a POST whose one re-read (conflict.ts) says to stop: the run has finished, cannot be
 * read, or no longer holds the target group; and a run that reads with no status is taken as
 * running. Against the emulator over real HTTP (faults on the POST and on the re-read).
 */
import { describe, expect, it } from "vitest";
import { a3InApprovals, closeAfterEach, failPost, postsTo, setup } from "./helpers/applier-setup.js";

closeAfterEach();

type RunBody = { status?: string; root: { children: { type: string }[] } };
const rewriteRun = (change: (run: RunBody) => void) => ({
  type: "rewrite-body" as const,
  rewrite: (body: unknown) => {
    change(body as RunBody);
    return body;
  },
});

/** Run-a's plan with one new job inside Approvals (after CFO sign-off), a 409 on its POST, then `reRead`. */
async function conflictThen(
  reRead: Parameters<Awaited<ReturnType<typeof setup>>["handle"]["injectFault"]>[0]["kind"],
) {
  const s = await setup();
  const plan = await s.plan(a3InApprovals());
  failPost(s, "run-a", { type: "status-before", status: 409 });
  s.handle.injectFault({ method: "GET", path: "/processRuns/run-a", kind: reRead });
  const result = await s.apply(plan);
  return { s, result, posts: postsTo(s, "run-a").length };
}

describe("a 409 whose re-read says stop", () => {
  it.each([
    ["complete", /; the run is complete now, so nothing more is sent to it$/],
    ["cancelled", /; the run is cancelled now, so nothing more is sent to it$/],
  ])("stops when the run now reads as %s", async (status, message) => {
    const { result, posts } = await conflictThen(
      rewriteRun((run) => {
        run.status = status;
      }),
    );
    expect(result.failed).toEqual([
      expect.objectContaining({ runId: "run-a", status: 409, outcome: "rejected" }),
    ]);
    expect(result.failed[0]?.message).toMatch(message);
    expect(posts).toBe(1);
  });

  it("stops when the run cannot be read again, with the reason", async () => {
    const { result, posts } = await conflictThen({ type: "status-before", status: 403 });
    expect(result.failed).toEqual([
      expect.objectContaining({ runId: "run-a", status: 409, outcome: "rejected" }),
    ]);
    expect(result.failed[0]?.message).toMatch(
      /; the run could not be read again \(the API refused the request \(HTTP 403.*\)$/,
    );
    expect(posts).toBe(1);
  });

  it("stops when the re-read no longer shows the target group", async () => {
    const { result, posts } = await conflictThen(
      rewriteRun((run) => {
        run.root.children = run.root.children.filter((c) => c.type !== "groupRun");
      }),
    );
    expect(result.failed[0]?.message).toMatch(/; the target group \(a-cfo\) is no longer in the run$/);
    expect(posts).toBe(1);
  });

  it.each([["waiting"], [undefined]])("sends again when the run reads as %s", async (status) => {
    const { s, result, posts } = await conflictThen(
      rewriteRun((run) => {
        if (status === undefined) delete run.status;
        else run.status = status;
      }),
    );
    expect(result).toMatchObject({ createdCount: 1, failed: [] });
    expect(posts).toBe(2);
    expect(s.tree("run-a")).toEqual(["Kickoff", { Approvals: ["CFO sign-off", "A3"] }]);
  });
});
