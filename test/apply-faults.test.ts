/**
 * applyPlan against injected faults over real HTTP (emulator on port 0, real client, virtual clock):
 * 5xx before/after commit, resets, 429 with and without Retry-After, 401 expiry, a 400 on one run,
 * partial commits (interrupts and the attempt budget: apply-interrupts-verify.test.ts). Every case must end
 * converged without duplicates.
 */
import { describe, expect, it } from "vitest";
import type { ProcessesApi } from "../src/api/api-types.js";
import { applyPlan } from "../src/apply/applier.js";
import { ApiError } from "../src/diagnostics/errors.js";
import { closeAfterEach, expectConverged, setup } from "./helpers/applier-setup.js";

closeAfterEach();

describe("applyPlan with faults", () => {
  it("re-sends after a 503 that did nothing (re-reads first; no duplicate)", async () => {
    const s = await setup();
    s.handle.injectFault({
      method: "POST",
      path: "/processRuns/run-b/jobRuns",
      kind: { type: "status-before", status: 503 },
    });
    const result = await s.apply(await s.plan());
    expect(result).toMatchObject({ createdCount: 8, requests: 6, failed: [] });
    expect(s.posts()).toBe(6);
    expect(s.events).toContainEqual(
      expect.objectContaining({ type: "reconcile", runId: "run-b", found: 0, missing: 3, status: 503 }),
    );
    expect(s.events).toContainEqual(
      expect.objectContaining({ type: "retry", runId: "run-b", attempt: 2, jobs: 3 }),
    );
    await expectConverged(s);
  });

  it("adopts the job runs of a 500 answered after the commit (no re-send)", async () => {
    const s = await setup();
    s.handle.injectFault({
      method: "POST",
      path: "/processRuns/run-a/jobRuns",
      nth: 2,
      kind: { type: "status-after", status: 500 },
    });
    const result = await s.apply(await s.plan());
    expect(result).toMatchObject({ createdCount: 8, requests: 5, failed: [] });
    expect(s.posts()).toBe(5);
    // run-a's insertions go out at once, so which one the server answers second may vary.
    const adopted = s.events.filter((e) => e.type === "insertion-done" && e.runId === "run-a" && e.adopted);
    expect(adopted).toHaveLength(1);
    expect(result.created.find((c) => c.runId === "run-a")?.titles).toEqual(["A1", "A2", "A4", "A3"]);
    await expectConverged(s);
  });

  it("adopts the job runs of a connection reset after the commit", async () => {
    const s = await setup();
    s.handle.injectFault({
      method: "POST",
      path: "/processRuns/run-b/jobRuns",
      kind: { type: "reset-after" },
    });
    const result = await s.apply(await s.plan());
    expect(result).toMatchObject({ createdCount: 8, requests: 5, failed: [] });
    expect(s.events).toContainEqual(
      expect.objectContaining({ type: "reconcile", runId: "run-b", found: 3, missing: 0 }),
    );
    await expectConverged(s);
  });

  it("converges once with a reset before the commit, a 500 after it and 503s in one apply", async () => {
    const s = await setup();
    s.handle.injectFault({
      method: "POST",
      path: "/processRuns/run-a/jobRuns",
      nth: 1,
      kind: { type: "reset-before" },
    });
    s.handle.injectFault({
      method: "POST",
      path: "/processRuns/run-a/jobRuns",
      nth: 3,
      kind: { type: "status-after", status: 500 },
    });
    s.handle.injectFault({
      method: "POST",
      path: "/processRuns/run-b/jobRuns",
      kind: { type: "status-before", status: 503 },
    });
    s.handle.injectFault({
      method: "POST",
      path: "/processRuns/run-c/jobRuns",
      kind: { type: "reset-after" },
    });
    const result = await s.apply(await s.plan());
    expect(result).toMatchObject({ createdCount: 8, failed: [], notAttempted: [] });
    expect(result.requests).toBe(s.posts());
    await expectConverged(s);
  });

  it("watches an ambiguous POST for the whole settle window before sending again", async () => {
    const s = await setup();
    const t0 = s.clock.now();
    s.handle.injectFault({
      method: "POST",
      path: "/processRuns/run-b/jobRuns",
      kind: { type: "status-before", status: 503 },
    });
    const result = await s.apply(await s.plan(), { parallelism: 1, settleMs: 35_000 });
    expect(result).toMatchObject({ createdCount: 8, failed: [] });
    const reads = s.handle.requests.filter((r) => r.method === "GET" && r.path === "/processRuns/run-b");
    // The plan read, then re-reads with backoff (1 s, 2 s, 4 s, 8 s, 16 s, then the window's end).
    expect(reads.length).toBeGreaterThanOrEqual(6);
    expect(s.clock.now() - t0).toBeGreaterThanOrEqual(35_000);
    await expectConverged(s);
  });

  it("adopts a late commit seen within the settle window, sending nothing again", async () => {
    const s = await setup();
    let failed = false;
    const late: ProcessesApi = {
      ...s.client,
      getProcessRun: (id) => s.client.getProcessRun(id),
      async createJobRuns(runId, position, items) {
        if (runId === "run-b" && !failed) {
          failed = true;
          // The gateway gives up; the backend commits 3 s later (while apply watches).
          const commitAt = s.clock.now() + 3000;
          const commit = async () => {
            while (s.clock.now() < commitAt) await new Promise((r) => setImmediate(r));
            await s.client.createJobRuns(runId, position, items);
          };
          void commit();
          throw new ApiError("HTTP 504", {
            status: 504,
            method: "POST",
            path: "/x",
            outcome: "maybe-applied",
          });
        }
        return s.client.createJobRuns(runId, position, items);
      },
    };
    const result = await applyPlan(await s.plan(), late, {
      parallelism: 1,
      now: s.clock.now,
      sleep: s.clock.sleep,
      onEvent: (e) => s.events.push(e),
    });
    expect(result).toMatchObject({ createdCount: 8, failed: [] });
    expect(s.tree("run-b")).toEqual(["B1", "B2", "B3"]);
    expect(s.events).toContainEqual(
      expect.objectContaining({ type: "reconcile", runId: "run-b", found: 3, missing: 0 }),
    );
  });

  it("sends an item again at most once after unclear answers: a second one leaves it unverified", async () => {
    const s = await setup();
    s.handle.injectFault({
      method: "POST",
      path: "/processRuns/run-b/jobRuns",
      times: 2,
      kind: { type: "status-before", status: 503 },
    });
    const result = await s.apply(await s.plan());
    expect(result.failed).toEqual([
      expect.objectContaining({ runId: "run-b", status: 503, outcome: "unverified" }),
    ]);
    expect(result.failed[0]?.message).toContain("not sent a third time");
    expect(s.posts()).toBe(4 + 2);
    // Re-running is safe and converges.
    const rerun = await s.apply(await s.plan());
    expect(rerun).toMatchObject({ createdCount: 3, failed: [] });
    await expectConverged(s);
  });

  it("re-sends only the missing part of a partly committed batch, in plan order", async () => {
    const s = await setup();
    // A server that committed only "B2" of [B1, B2, B3] and then failed ambiguously.
    let first = true;
    const partial: ProcessesApi = {
      ...s.client,
      getProcessRun: (id) => s.client.getProcessRun(id),
      async createJobRuns(runId, position, items) {
        if (runId === "run-b" && first) {
          first = false;
          await s.client.createJobRuns(runId, position, items.slice(1, 2));
          throw new ApiError("HTTP 502", {
            status: 502,
            method: "POST",
            path: "/x",
            outcome: "maybe-applied",
          });
        }
        return s.client.createJobRuns(runId, position, items);
      },
    };
    const p = await s.plan();
    const result = await applyPlan(p, partial, {
      parallelism: 2,
      now: s.clock.now,
      sleep: s.clock.sleep,
      onEvent: (e) => s.events.push(e),
    });
    expect(result).toMatchObject({ createdCount: 8, failed: [] });
    expect(s.events).toContainEqual(
      expect.objectContaining({ type: "reconcile", runId: "run-b", found: 1, missing: 2 }),
    );
    expect(s.tree("run-b")).toEqual(["B1", "B2", "B3"]);
    expect(result.created.find((c) => c.runId === "run-b")?.titles).toEqual(["B1", "B2", "B3"]);
  });

  it("recovers from a 429 with Retry-After (the client waits and retries)", async () => {
    const s = await setup();
    s.handle.injectFault({
      method: "POST",
      path: "/jobRuns",
      nth: 2,
      kind: { type: "status-before", status: 429, retryAfter: 2 },
    });
    const result = await s.apply(await s.plan());
    expect(result).toMatchObject({ createdCount: 8, requests: 5, failed: [] });
    expect(s.handle.requests.filter((r) => r.status === 429)).toHaveLength(1);
    await expectConverged(s);
  });

  it("stays within a tight server limit without Retry-After and converges", async () => {
    const s = await setup({ rateLimit: { requests: 3, perSeconds: 1, retryAfter: false } });
    const result = await s.apply(await s.plan());
    expect(result).toMatchObject({ createdCount: 8, requests: 5, failed: [] });
    await expectConverged(s);
  });

  it("re-authenticates when the token expires mid-apply", async () => {
    const s = await setup();
    const result = await s.apply(await s.plan(), {
      parallelism: 1,
      onEvent: (e) => {
        if (e.type === "insertion-done" && e.runId === "run-a" && e.index === 1) s.handle.expireTokens();
      },
    });
    expect(result).toMatchObject({ createdCount: 8, requests: 5, failed: [] });
    expect(s.handle.requests.some((r) => r.status === 401)).toBe(true);
    await expectConverged(s);
  });

  it("stops one run at a 400 (its later insertions are not attempted) while the others complete", async () => {
    const s = await setup();
    s.handle.injectFault({
      method: "POST",
      path: "/processRuns/run-a/jobRuns",
      nth: 2,
      kind: { type: "status-before", status: 400 },
    });
    // One request at a time, so the 400 comes before the run's third insertion is sent.
    const result = await s.apply(await s.plan(), { parallelism: 1 });
    expect(result.failed).toEqual([
      expect.objectContaining({
        runId: "run-a",
        index: 2,
        of: 3,
        status: 400,
        outcome: "rejected",
        titles: ["A4"],
      }),
    ]);
    expect(result.notAttempted).toEqual([
      expect.objectContaining({ runId: "run-a", index: 3, reason: "after-failure", titles: ["A3"] }),
    ]);
    expect(result.created.map((c) => [c.runId, c.titles])).toEqual([
      ["run-a", ["A1", "A2"]],
      ["run-b", ["B1", "B2", "B3"]],
      ["run-c", ["C1"]],
    ]);
    expect(s.posts()).toBe(4);
    expect(s.tree("run-a")).toEqual(["Kickoff", "A1", "A2", { Approvals: ["CFO sign-off"] }]);

    // Re-running converges: it plans only what is missing.
    const rerun = await s.apply(await s.plan());
    expect(rerun).toMatchObject({ createdCount: 2, requests: 2, failed: [] });
    await expectConverged(s);
  });
});
