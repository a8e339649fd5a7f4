/**
 * Timing behaviour of applyPlan (heartbeat) with fake timers and an in-memory ProcessesApi whose
 * POSTs finish only when the test says so. Everything over HTTP is in test/apply-*.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { plannedInsertion } from "../../test/helpers/builders.js";
import type { CreatedJobRun, ProcessesApi } from "../api/api-types.js";
import type { Plan } from "../plan/plan-types.js";
import { applyPlan } from "./applier.js";
import type { ApplyEvent } from "./apply-types.js";
import { createWaitTracker } from "./wait-tracker.js";

const insertion = (title: string) => plannedInsertion(title);

const onePlan: Plan = {
  formatVersion: 2,
  targets: [],
  summary: {
    create: 2,
    requests: 2,
    processRuns: 1,
    inSync: 0,
    drift: 0,
    outOfOrder: 0,
    unmanaged: 0,
    duplicates: 0,
  },
  processRuns: [
    {
      id: "run-1",
      fingerprint: "f",
      desired: "sha256:d",
      manifests: [],
      insertions: [insertion("One"), insertion("Two")],
      drift: [],
      outOfOrder: [],
      unmanaged: 0,
      duplicates: [],
    },
  ],
};

/** An API whose POSTs stay pending until `finish()` is called. */
function slowApi() {
  const pending: (() => void)[] = [];
  let next = 1;
  const api: ProcessesApi = {
    getProcessRun: () => Promise.reject(new Error("not used")),
    getProcess: () => Promise.reject(new Error("not used")),
    listProcesses: () => Promise.reject(new Error("not used")),
    createJobRuns: (_run, _position, items) =>
      new Promise<CreatedJobRun[]>((resolve) => {
        pending.push(() => resolve(items.map(() => ({ id: `jr_${next++}` }))));
      }),
  };
  return { api, finish: () => pending.shift()?.() };
}

describe("applyPlan heartbeat", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.parse("2025-01-06T09:00:00Z"));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("beats every 10 s without progress and says what it waits for", async () => {
    const { api, finish } = slowApi();
    const events: ApplyEvent[] = [];
    const waits = createWaitTracker();
    const done = applyPlan(onePlan, api, { parallelism: 1, waits, onEvent: (e) => events.push(e) });
    const beats = () => events.filter((e) => e.type === "heartbeat");

    await vi.advanceTimersByTimeAsync(9_000);
    expect(beats()).toHaveLength(0);
    waits.note({ reason: "rate-limit", untilMs: Date.now() + 4_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(beats()).toEqual([
      {
        type: "heartbeat",
        elapsedMs: 10_000,
        done: 0,
        total: 2,
        waitingFor: { reason: "rate-limit", remainingMs: 3_000 },
      },
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(beats()).toHaveLength(2);
    expect(beats()[1]).not.toHaveProperty("waitingFor");

    finish();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(beats()).toHaveLength(2); // progress reset the quiet time
    await vi.advanceTimersByTimeAsync(5_000);
    expect(beats()[2]).toMatchObject({ done: 1, total: 2 });

    finish();
    const result = await done;
    expect(result).toMatchObject({ createdCount: 2, requests: 2 });
    const after = beats().length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(beats()).toHaveLength(after); // stopped with the apply
  });

  it("can be turned off", async () => {
    const { api, finish } = slowApi();
    const events: ApplyEvent[] = [];
    const done = applyPlan(onePlan, api, { parallelism: 1, heartbeatMs: 0, onEvent: (e) => events.push(e) });
    await vi.advanceTimersByTimeAsync(60_000);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    finish();
    await done;
    expect(events.some((e) => e.type === "heartbeat")).toBe(false);
  });
});
