/**
 * applyPlan interrupted or out of attempts, and the verifying read after a run's last write, over
 * real HTTP (emulator on port 0, real client, virtual clock): abort before and during an insertion,
 * the attempt budget, another writer's duplicates, titles the server stored differently.
 */
import { describe, expect, it } from "vitest";
import type { ProcessesApi } from "../src/api/api-types.js";
import { applyPlan } from "../src/apply/applier.js";
import { applySucceeded } from "../src/apply/apply-types.js";
import { ApiError } from "../src/diagnostics/errors.js";
import { closeAfterEach, expectConverged, setup } from "./helpers/applier-setup.js";

closeAfterEach();

describe("applyPlan interrupted or out of attempts", () => {
  it("on abort starts no new insertion, lets the one in flight finish, and says so", async () => {
    const s = await setup();
    const controller = new AbortController();
    const result = await s.apply(await s.plan(), {
      parallelism: 1,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "insertion-start" && e.index === 1 && e.runId === "run-a") controller.abort();
      },
    });
    expect(result.interrupted).toBe(true);
    expect(result.created).toEqual([expect.objectContaining({ runId: "run-a", titles: ["A1", "A2"] })]);
    expect(result.notAttempted.map((n) => `${n.runId}#${n.index}:${n.reason}`)).toEqual([
      "run-a#2:interrupted",
      "run-a#3:interrupted",
      "run-b#1:interrupted",
      "run-c#1:interrupted",
    ]);
    expect(s.events).toContainEqual({ type: "interrupted", inFlight: 1 });
    expect(s.posts()).toBe(1);
    // A new apply converges without duplicates.
    await s.apply(await s.plan());
    await expectConverged(s);
  });

  it("after an interrupt, reconciles an ambiguous failure in flight but does not send again", async () => {
    const s = await setup();
    s.handle.injectFault({
      method: "POST",
      path: "/processRuns/run-b/jobRuns",
      kind: { type: "status-before", status: 503 },
    });
    const controller = new AbortController();
    const result = await s.apply(await s.plan(), {
      parallelism: 1,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "insertion-start" && e.runId === "run-b") controller.abort();
      },
    });
    expect(s.events).toContainEqual(
      expect.objectContaining({ type: "reconcile", runId: "run-b", found: 0, missing: 3 }),
    );
    expect(result.failed).toEqual([
      expect.objectContaining({ runId: "run-b", status: 503, outcome: "unverified" }),
    ]);
    expect(result.failed[0]?.message).toContain("apply was interrupted before the outcome settled");
    expect(result.notAttempted.map((n) => n.runId)).toEqual(["run-c"]);
    expect(s.tree("run-b")).toEqual([]);
  });

  it("gives up on an insertion after the attempt budget and reports it", async () => {
    const s = await setup();
    // A request that never reaches the server (connection refused) is safe to send again.
    const refused: ProcessesApi = {
      ...s.client,
      getProcessRun: (id) => s.client.getProcessRun(id),
      async createJobRuns(runId, position, items) {
        if (runId === "run-c")
          throw new ApiError("could not connect to the API (ECONNREFUSED)", {
            method: "POST",
            path: "/x",
            outcome: "not-sent",
          });
        return s.client.createJobRuns(runId, position, items);
      },
    };
    let tries = 0;
    const counting: ProcessesApi = {
      ...refused,
      createJobRuns: (runId, position, items) => {
        if (runId === "run-c") tries += 1;
        return refused.createJobRuns(runId, position, items);
      },
    };
    const result = await applyPlan(await s.plan(), counting, {
      parallelism: 4,
      now: s.clock.now,
      sleep: s.clock.sleep,
      maxAttempts: 3,
    });
    expect(result.failed).toEqual([expect.objectContaining({ runId: "run-c", outcome: "not-sent" })]);
    expect(result.failed[0]?.message).toContain("gave up after 3 attempts");
    expect(tries).toBe(3);
    expect(s.posts()).toBe(4);
    expect(s.tree("run-c")).toEqual(["Start"]);
  });
});

describe("the verifying read after a run's last write", () => {
  it("fails the apply, naming the job runs, when another writer created the same jobs", async () => {
    const s = await setup();
    const racing: ProcessesApi = {
      ...s.client,
      getProcessRun: (id) => s.client.getProcessRun(id),
      async createJobRuns(runId, position, items) {
        const created = await s.client.createJobRuns(runId, position, items);
        // A second applier, a moment later, with the same plan.
        if (runId === "run-b") await s.client.createJobRuns(runId, position, items);
        return created;
      },
    };
    const result = await applyPlan(await s.plan(), racing, {
      parallelism: 1,
      now: s.clock.now,
      sleep: s.clock.sleep,
    });
    expect(applySucceeded(result)).toBe(false);
    const b = result.verified.find((v) => v.runId === "run-b");
    expect(b?.duplicates.map((d) => [d.title, d.ids.length])).toEqual([
      ["B1", 2],
      ["B2", 2],
      ["B3", 2],
    ]);
    expect(result.verified.filter((v) => v.runId !== "run-b").every((v) => v.duplicates.length === 0)).toBe(
      true,
    );
  });

  it("reports a title the server stored differently, without calling it a duplicate or re-sending", async () => {
    const s = await setup();
    const tidying: ProcessesApi = {
      ...s.client,
      getProcessRun: (id) => s.client.getProcessRun(id),
      createJobRuns(runId, position, items) {
        // The server collapses whitespace in what it stores.
        const tidy = items.map((item) => {
          const args = item.arguments.sendTaskArgs as { title: string } | undefined;
          return args
            ? {
                ...item,
                arguments: { ...item.arguments, sendTaskArgs: { ...args, title: ` ${args.title}  ` } },
              }
            : item;
        });
        return s.client.createJobRuns(runId, position, runId === "run-c" ? tidy : items);
      },
    };
    const result = await applyPlan(await s.plan(), tidying, {
      parallelism: 1,
      now: s.clock.now,
      sleep: s.clock.sleep,
    });
    expect(applySucceeded(result)).toBe(true);
    const c = result.verified.find((v) => v.runId === "run-c");
    expect(c?.retitled).toEqual([expect.objectContaining({ sent: "C1", stored: " C1  " })]);
    // A re-plan matches the stored title to the manifest's: nothing more to create.
    const again = await s.plan();
    expect(again.processRuns.find((r) => r.id === "run-c")?.insertions ?? []).toEqual([]);
  });
});
