/**
 * Each endpoint module as a function of one transport, against the emulator over real HTTP, and
 * the one "waiting" event shape the transport reports.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type ApiTransport, type ClientOptions, openApiTransport } from "../src/api/api-transport.js";
import { createJobRuns } from "../src/api/endpoints/create-job-runs.js";
import { getProcess } from "../src/api/endpoints/get-process.js";
import { getProcessRun } from "../src/api/endpoints/get-process-run.js";
import { listProcesses } from "../src/api/endpoints/list-processes.js";
import type { ClientEvent } from "../src/api/waiting.js";
import { CONFIG_DEFAULTS } from "../src/config/resolve-config.js";
import { ApiError } from "../src/diagnostics/errors.js";
import type { EmulatorHandle } from "../src/emulator/emulator-types.js";
import { startTestEmulator } from "./helpers/test-emulator.js";

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.close();
});

async function setup(
  overrides: Partial<ClientOptions> = {},
): Promise<{ emu: EmulatorHandle; t: ApiTransport; events: ClientEvent[] }> {
  const clock = { t: Date.parse("2026-03-02T09:00:00Z") };
  const now = () => clock.t;
  const emu = await startTestEmulator({ now });
  const events: ClientEvent[] = [];
  const t = openApiTransport({
    baseUrl: `${emu.url}/`,
    tokenUrl: `${emu.url}/oauth2/token`,
    version: CONFIG_DEFAULTS.version,
    timeoutMs: 5000,
    credentials: { type: "clientCredentials", clientId: "test-client", clientSecret: "test-secret" },
    rateLimit: { requests: 1000, perSeconds: 60 },
    now,
    sleep: async (ms) => {
      clock.t += ms;
    },
    random: () => 0.5,
    onEvent: (e) => events.push(e),
    ...overrides,
  });
  open.push(t);
  return { emu, t, events };
}

describe("endpoint modules over one transport", () => {
  it("getProcessRun reads a run tree (base URL's trailing slash dropped)", async () => {
    const { emu, t } = await setup();
    expect(t.base).toBe(emu.url);
    const run = await getProcessRun(t, "run-q4close");
    expect(run.processId).toBe("proc-q4close");
    expect(run.root.children[0]?.id).toBe("jr-kickoff");
  });

  it("getProcessRun names the run in a 404", async () => {
    const { t } = await setup();
    const error = await getProcessRun(t, "no-such-run").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error instanceof ApiError && error.message).toMatch(/^process run no-such-run not found/);
  });

  it("getProcess reads one process as a summary with its run", async () => {
    const { t } = await setup();
    expect(await getProcess(t, "proc-q4close")).toMatchObject({
      id: "proc-q4close",
      name: "Q4 Close",
      runId: "run-q4close",
    });
  });

  it("listProcesses filters by name and sends the page size", async () => {
    const { emu, t } = await setup();
    const found = await listProcesses(t, { nameContains: "Onboarding" });
    expect(found.map((p) => p.id).sort()).toEqual(["proc-template", "proc-vendor"]);
    const list = emu.requests.filter((r) => r.method === "GET" && r.path.startsWith("/processes"));
    expect(list).toHaveLength(1);
    expect(list[0]?.query).toMatchObject({ $maxpagesize: "1000", $filter: "name contains 'Onboarding'" });
  });

  it("createJobRuns inserts at a position and returns the new ids", async () => {
    const { t } = await setup();
    const created = await createJobRuns(
      t,
      "run-vendor",
      { relativeSiblingId: null, parentGroupId: null, before: null },
      [
        {
          action: "sendTask",
          arguments: {
            type: "sendTask",
            sendTaskArgs: { title: "Welcome", assignee: { id: "user123", type: "user" } },
          },
          triggerType: "whenEligible",
        },
      ],
    );
    expect(created).toHaveLength(1);
    const run = await getProcessRun(t, "run-vendor");
    expect(run.root.children.map((c) => c.id)).toEqual([created[0]?.id]);
  });
});

describe("the one waiting event", () => {
  it("reports the client's own rate-limit wait as a waiting event with a reason", async () => {
    // The token request and the first GET use the budget of two; the second GET waits.
    const { t, events } = await setup({ rateLimit: { requests: 2, perSeconds: 60 } });
    await getProcess(t, "proc-q4close");
    await getProcess(t, "proc-q4close");
    const waits = events.filter((e) => e.type === "waiting");
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]).toMatchObject({ type: "waiting", reason: "rate-limit" });
    expect(Number.isFinite(waits[0]?.untilMs)).toBe(true);
  });

  it("reports a retry backoff and a server 429 pause in the same shape, with reason and detail", async () => {
    const { emu, t, events } = await setup();
    emu.injectFault({ method: "GET", path: "/processes/", kind: { type: "status-before", status: 503 } });
    emu.injectFault({ method: "GET", path: "/processRuns/", kind: { type: "status-before", status: 429 } });
    await getProcess(t, "proc-q4close");
    await getProcessRun(t, "run-q4close");
    const waits = events.filter((e) => e.type === "waiting");
    expect(waits.map((w) => [w.reason, w.detail])).toEqual([
      ["retry", "HTTP 503"],
      ["server-429", expect.any(String)],
    ]);
    for (const w of waits) expect(Object.keys(w).sort()).toEqual(["detail", "reason", "type", "untilMs"]);
  });
});
