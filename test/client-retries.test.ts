/**
 * The Processes client's retries against the emulator: a GET retried on 5xx and 429 (with and
 * without Retry-After); a POST that may have been applied never repeated, one refused with 429 repeated.
 */
import { describe, expect, it } from "vitest";
import { calls, caught, sendTask, setup } from "./helpers/client-setup.js";

describe("Processes client against the emulator", () => {
  it("retries a GET on 503 with backoff and succeeds", async () => {
    const { emu, api, clock, events } = await setup();
    emu.injectFault({
      method: "GET",
      path: "/processRuns/",
      times: 2,
      kind: { type: "status-before", status: 503 },
    });
    const run = await api.getProcessRun("run-q4close");
    expect(run.id).toBe("run-q4close");
    expect(calls(emu, "GET", "/processRuns/").map((r) => r.status)).toEqual([503, 503, 200]);
    expect(clock.time.waits).toEqual([188, 375]);
    expect(events.filter((e) => e.type === "waiting").map((e) => e.type === "waiting" && e.reason)).toEqual([
      "retry",
      "retry",
    ]);
  });

  it("gives up on a GET after 5 tries with a server error", async () => {
    const { emu, api } = await setup();
    emu.injectFault({
      method: "GET",
      path: "/processRuns/",
      times: 99,
      kind: { type: "status-before", status: 503 },
    });
    const error = await caught(api.getProcessRun("run-q4close"));
    expect(error.status).toBe(503);
    expect(error.message).toContain("after 5 tries");
    expect(calls(emu, "GET", "/processRuns/")).toHaveLength(5);
  });

  it("recovers from 429 with Retry-After and paces to the budget the server announced", async () => {
    const { emu, api, clock } = await setup({ rateLimit: { requests: 3, perSeconds: 10 } });
    for (let i = 0; i < 8; i++) await api.getProcessRun("run-vendor");
    const statuses = calls(emu, "GET", "/processRuns/").map((r) => r.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
    // One pause for Retry-After (10 s, plus the 1 ms the window needs), then paced at 3 per 10 s.
    expect(clock.time.waits).toEqual([10_001, 10_001]);
  });

  it("recovers from 429 without Retry-After (message or backoff)", async () => {
    const { emu, api } = await setup({ rateLimit: { requests: 2, perSeconds: 5, retryAfter: false } });
    for (let i = 0; i < 5; i++) await api.getProcessRun("run-vendor");
    const statuses = calls(emu, "GET", "/processRuns/").map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);

    const bare = await setup();
    bare.emu.injectFault({ path: "/processRuns/", times: 2, kind: { type: "status-before", status: 429 } });
    await bare.api.getProcessRun("run-vendor");
    const pauses = bare.events.flatMap((e) => (e.type === "waiting" && e.reason === "server-429" ? [e] : []));
    expect(pauses).toHaveLength(2);
    // Jittered backoff from 0.5 s growing by half: 375 ms, then 563 ms (random fixed at 0.5).
    expect(bare.clock.time.waits).toEqual([375, 563]);
  });

  it("never repeats a POST that may have been applied (500 after commit)", async () => {
    const { emu, api } = await setup();
    emu.injectFault({ method: "POST", path: "/jobRuns", kind: { type: "status-after", status: 500 } });
    const position = { parentGroupId: null, relativeSiblingId: null, before: null };
    const error = await caught(api.createJobRuns("run-vendor", position, [sendTask("Collect W-9")]));
    expect(error.outcome).toBe("maybe-applied");
    expect(error.status).toBe(500);
    expect(calls(emu, "POST", "/jobRuns")).toHaveLength(1);
    expect((await api.getProcessRun("run-vendor")).root.children).toHaveLength(1);
  });

  it("reports a reset after sending as maybe-applied, without repeating", async () => {
    const { emu, api } = await setup();
    emu.injectFault({ method: "POST", path: "/jobRuns", kind: { type: "reset-after" } });
    const position = { parentGroupId: null, relativeSiblingId: null, before: null };
    const error = await caught(api.createJobRuns("run-vendor", position, [sendTask("Collect W-9")]));
    expect(error.outcome).toBe("maybe-applied");
    expect(error.details.path).toBe("/processRuns/run-vendor/jobRuns");
    expect(calls(emu, "POST", "/jobRuns")).toHaveLength(1);
  });

  it("repeats a POST refused with 429 (nothing was done)", async () => {
    const { emu, api } = await setup();
    emu.injectFault({
      method: "POST",
      path: "/jobRuns",
      kind: { type: "status-before", status: 429, retryAfter: 2 },
    });
    const position = { parentGroupId: null, relativeSiblingId: null, before: null };
    const created = await api.createJobRuns("run-vendor", position, [sendTask("Collect W-9")]);
    expect(created).toHaveLength(1);
    expect(calls(emu, "POST", "/jobRuns").map((r) => r.status)).toEqual([429, 201]);
  });
});
