/**
 * A 201 whose list does not match what was sent proves nothing (contract §9.4): apply treats it as
 * ambiguous, re-reads the run and adopts what is there instead of trusting or repeating it.
 * Against the emulator over real HTTP (the fault rewrites the committed answer), virtual clock.
 */
import { describe, expect, it } from "vitest";
import { closeAfterEach, expectConverged, setup } from "./helpers/applier-setup.js";

closeAfterEach();

type Created = { id: string }[];

describe("a 201 that does not match what was sent", () => {
  it.each([
    {
      odd: "lists fewer job runs than sent",
      rewrite: (body: Created) => body.slice(1),
      message: "the API answered 201 listing 2 job runs for 3 sent",
    },
    {
      odd: "lists one id twice",
      rewrite: (body: Created) => [body[0], body[0], body[2]],
      message: "the API answered 201 with the same id twice",
    },
  ])("$odd: re-reads and adopts the job runs instead of sending them again", async ({ rewrite, message }) => {
    const s = await setup();
    const plan = await s.plan();
    s.handle.injectFault({
      method: "POST",
      path: "/processRuns/run-b/jobRuns",
      kind: { type: "rewrite-body", rewrite: (body) => rewrite(body as Created) },
    });
    const result = await s.apply(plan);
    expect(result).toMatchObject({ createdCount: 8, requests: 5, failed: [] });
    expect(s.events).toContainEqual(
      expect.objectContaining({
        type: "reconcile",
        runId: "run-b",
        status: 201,
        message,
        found: 3,
        missing: 0,
      }),
    );
    expect(s.events).toContainEqual(
      expect.objectContaining({ type: "insertion-done", runId: "run-b", adopted: true, requests: 1 }),
    );
    expect(s.posts()).toBe(5);
    await expectConverged(s);
  });
});
