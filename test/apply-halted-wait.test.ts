/**
 * A server wait past `api.maxWaitSeconds` during apply (contract §9.6, §12): the command ends at
 * once, sends no new POST and no re-send, and says nothing was sent again.
 */
import { describe, expect, it } from "vitest";
import { closeAfterEach, setup } from "./helpers/applier-setup.js";

closeAfterEach();

describe("apply after a 429 asking for a wait past api.maxWaitSeconds", () => {
  it("stops every insertion without re-sending or announcing re-sends", async () => {
    const s = await setup();
    const plan = await s.plan();
    s.handle.injectFault({
      method: "POST",
      path: "/jobRuns",
      kind: { type: "status-before", status: 429, retryAfter: 999999 },
    });
    const result = await s.apply(plan, { parallelism: 1 });
    expect(s.posts()).toBe(1);
    expect(s.events.filter((e) => e.type === "retry")).toEqual([]);
    expect(result.createdCount).toBe(0);
    expect(result.failed.length).toBeGreaterThan(0);
    for (const f of result.failed) {
      expect(f.outcome).toBe("not-sent");
      expect(f.message).toContain("longer than api.maxWaitSeconds");
      expect(f.message).not.toContain("gave up after");
    }
  });
});
