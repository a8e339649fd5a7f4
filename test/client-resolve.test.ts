import { afterEach, describe, expect, it } from "vitest";
import type { ProcessesClient } from "../src/api/client.js";
import { readLiveState } from "../src/api/read-live.js";
import { ApiError } from "../src/diagnostics/errors.js";
import type { EmulatorHandle, EmulatorSeed } from "../src/emulator/emulator-types.js";
import type { TargetSpec } from "../src/input/targets.js";
import { emulatorClient } from "./helpers/emulator-client.js";
import { startTestEmulator } from "./helpers/test-emulator.js";

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.close();
});

async function setup(seed?: EmulatorSeed): Promise<{ emu: EmulatorHandle; api: ProcessesClient }> {
  const emu = await startTestEmulator(seed ? { seed } : {});
  const api = emulatorClient(emu.url, {
    timeoutMs: 5000,
    credentials: { type: "clientCredentials", clientId: "id", clientSecret: "secret" },
    rateLimit: { requests: 1000, perSeconds: 60 },
    sleep: async () => {},
  });
  open.push(api);
  return { emu, api };
}

const desired = (...targets: TargetSpec[]): readonly TargetSpec[] => targets;

describe("resolving targets against the emulator (demo seed)", () => {
  it("resolves a run id, a process id and an exact process name", async () => {
    const { api } = await setup();
    const targets = (
      await readLiveState(
        desired(
          ...([
            { type: "processRun", id: "run-q4close" },
            { type: "processId", id: "proc-vendor" },
            { type: "processName", name: "Annual Report 2024" },
            { type: "processName", name: "Annual Report 2024" },
          ] as TargetSpec[]),
        ),
        api,
        { parallelism: 2 },
      )
    ).targets;
    expect([...targets]).toEqual([
      ["processRun:run-q4close", { ok: true, runId: "run-q4close" }],
      ["process.id:proc-vendor", { ok: true, runId: "run-vendor" }],
      ["process.name:Annual Report 2024", { ok: true, runId: "run-annual-2024" }],
    ]);
  });

  it("explains unknown ids, never-started processes and unknown names", async () => {
    const { api } = await setup();
    const targets = (
      await readLiveState(
        desired(
          ...([
            { type: "processId", id: "proc-nope" },
            { type: "processId", id: "proc-template" },
            { type: "processName", name: "q4 close" },
            { type: "processName", name: "Nothing like it" },
          ] as TargetSpec[]),
        ),
        api,
        { parallelism: 2 },
      )
    ).targets;
    expect(targets.get("process.id:proc-nope")).toEqual({
      ok: false,
      message: "process proc-nope not found (HTTP 404)",
    });
    expect(targets.get("process.id:proc-template")).toEqual({
      ok: false,
      message: "process proc-template has no current run (it was never started)",
    });
    expect(targets.get("process.name:q4 close")).toEqual({
      ok: false,
      message: 'no process is named "q4 close"; similar: "Q4 Close"',
    });
    expect(targets.get("process.name:Nothing like it")).toEqual({
      ok: false,
      message: 'no process is named "Nothing like it"',
    });
  });

  it("refuses a name shared by several processes, naming their ids", async () => {
    const { api } = await setup({
      processes: [
        { id: "p-1", name: "Twin", run: { id: "r-1", children: [] } },
        { id: "p-2", name: "Twin" },
        { id: "p-3", name: "Twin sister" },
      ],
    });
    const targets = (
      await readLiveState(desired(...([{ type: "processName", name: "Twin" }] as TargetSpec[])), api, {
        parallelism: 2,
      })
    ).targets;
    const result = targets.get("process.name:Twin");
    expect(result?.ok).toBe(false);
    expect(result?.ok === false && result.message).toMatch(
      /^2 processes are named "Twin" \(ids p-[12], p-[12]\): use process: \{ id \} instead$/,
    );
  });
});

describe("readLiveState", () => {
  it("reads each distinct run once and reports runs that do not exist", async () => {
    const { emu, api } = await setup();
    const live = await readLiveState(
      desired(
        { type: "processRun", id: "run-q4close" },
        { type: "processName", name: "Q4 Close" },
        { type: "processId", id: "proc-annual-2024" },
        { type: "processRun", id: "run-missing" },
        { type: "processId", id: "proc-template" },
      ),
      api,
      { parallelism: 3 },
    );
    expect([...live.runs.keys()].sort()).toEqual(["run-annual-2024", "run-q4close"]);
    expect(live.targets.get("processRun:run-missing")).toEqual({
      ok: false,
      message: "process run run-missing not found (HTTP 404)",
    });
    expect(live.targets.get("process.name:Q4 Close")).toEqual({ ok: true, runId: "run-q4close" });
    expect(live.targets.get("process.id:proc-template")?.ok).toBe(false);
    const runReads = emu.requests.filter((r) => r.method === "GET" && r.path.startsWith("/processRuns/"));
    expect(runReads.map((r) => r.path).sort()).toEqual([
      "/processRuns/run-annual-2024",
      "/processRuns/run-missing",
      "/processRuns/run-q4close",
    ]);
  });

  it("reads only the selected runs with onlyRunIds", async () => {
    const { api } = await setup();
    const live = await readLiveState(
      desired({ type: "processRun", id: "run-q4close" }, { type: "processRun", id: "run-vendor" }),
      api,
      { parallelism: 2, onlyRunIds: ["run-vendor"] },
    );
    expect([...live.runs.keys()]).toEqual(["run-vendor"]);
  });

  it("throws transport failures instead of hiding them as plan errors", async () => {
    const { emu, api } = await setup();
    emu.injectFault({
      method: "GET",
      path: "/processRuns/",
      times: 99,
      kind: { type: "status-before", status: 503 },
    });
    await expect(
      readLiveState(desired({ type: "processRun", id: "run-q4close" }), api, { parallelism: 1 }),
    ).rejects.toBeInstanceOf(ApiError);
  });
});
