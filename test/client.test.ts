import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { JobRunCreateItem } from "../src/api/api-types.js";
import type { ClientEvent, ClientOptions, ProcessesClient } from "../src/api/client.js";
import type { LiveJobRun } from "../src/api/live-types.js";
import { ApiError } from "../src/diagnostics/errors.js";
import type { EmulatorHandle, EmulatorOptions, EmulatorSeed } from "../src/emulator/emulator-types.js";
import { emulatorClient } from "./helpers/emulator-client.js";
import { startTestEmulator } from "./helpers/test-emulator.js";

const CLIENT_ID = "jobsync-test";
const SECRET = "top-secret-value";

/** A virtual clock shared by the emulator and the client: sleeping advances it, never waits. */
function virtualTime() {
  const time = { t: Date.parse("2026-03-02T09:00:00Z"), waits: [] as number[] };
  return {
    time,
    now: () => time.t,
    sleep: async (ms: number) => {
      time.waits.push(ms);
      time.t += ms;
    },
  };
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.close();
});

async function setup(
  emulator: Omit<EmulatorOptions, "now"> = {},
  client: Partial<ClientOptions> = {},
): Promise<{
  emu: EmulatorHandle;
  api: ProcessesClient;
  clock: ReturnType<typeof virtualTime>;
  events: ClientEvent[];
}> {
  const clock = virtualTime();
  const emu = await startTestEmulator({ ...emulator, now: clock.now });
  const events: ClientEvent[] = [];
  const api = emulatorClient(emu.url, {
    timeoutMs: 5000,
    credentials: { type: "clientCredentials", clientId: CLIENT_ID, clientSecret: SECRET },
    rateLimit: { requests: 1000, perSeconds: 60 },
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    onEvent: (e) => events.push(e),
    ...client,
  });
  open.push(api);
  return { emu, api, clock, events };
}

const calls = (emu: EmulatorHandle, method: string, pathPart: string) =>
  emu.requests.filter((r) => r.method === method && r.path.includes(pathPart));

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const sendTask = (title: string): JobRunCreateItem => ({
  action: "sendTask",
  arguments: { type: "sendTask", sendTaskArgs: { title, assignee: { id: "user123", type: "user" } } },
  triggerType: "whenEligible",
});

const seedOf = (processes: EmulatorSeed["processes"]): EmulatorSeed => ({
  clients: [{ clientId: CLIENT_ID, clientSecret: SECRET }],
  processes,
});

describe("Processes client against the emulator", () => {
  it("gets a token with client credentials once, reuses it, and reads a run tree", async () => {
    const { emu, api } = await setup({ seed: undefined });
    const run = await api.getProcessRun("run-q4close");
    await api.getProcessRun("run-annual-2024");
    const process = await api.getProcess("proc-q4close");
    expect(calls(emu, "POST", "/oauth2/token")).toHaveLength(1);
    expect(run.processId).toBe("proc-q4close");
    expect(run.root.children.map((c) => c.id)).toEqual([
      "jr-kickoff",
      "jr-collect-tb",
      "grp-approvals",
      "jr-publish",
      "jr-adhoc-1",
    ]);
    expect((run.root.children[0] as LiveJobRun).title).toBe("Kickoff");
    expect(process).toMatchObject({ id: "proc-q4close", name: "Q4 Close", runId: "run-q4close" });
  });

  it("re-authenticates once after the tokens expire", async () => {
    const { emu, api } = await setup();
    await api.getProcessRun("run-q4close");
    emu.expireTokens();
    await api.getProcessRun("run-q4close");
    expect(emu.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "POST /oauth2/token 200",
      "GET /processRuns/run-q4close 200",
      "GET /processRuns/run-q4close 401",
      "POST /oauth2/token 200",
      "GET /processRuns/run-q4close 200",
    ]);
  });

  it("refuses bad client credentials without showing the secret", async () => {
    const { api } = await setup(
      { seed: seedOf([]) },
      {
        credentials: { type: "clientCredentials", clientId: CLIENT_ID, clientSecret: "wrong-secret" },
      },
    );
    const error = await caught(api.getProcessRun("run-x"));
    expect(error.message).toMatch(/^the token endpoint refused the client credentials \(HTTP 401/);
    expect(error.details.hint).toContain("WORKIVA_CLIENT_ID");
    expect(JSON.stringify([error.message, error.details])).not.toMatch(/wrong-secret|top-secret/);
  });

  it("sends X-Version on every request (the emulator refuses others)", async () => {
    const { emu, api } = await setup();
    await api.listProcesses();
    expect(emu.requests.every((r) => r.status < 400)).toBe(true);
    const wrong = await setup({}, { version: "2022-01-01" });
    const error = await caught(wrong.api.getProcessRun("run-q4close"));
    expect(error.outcome).toBe("rejected");
    expect(error.message).toContain("X-Version");
  });

  it("follows every page when resolving a list, with the name filter", async () => {
    const many = Array.from({ length: 1203 }, (_, i) => ({
      id: `p-${i}`,
      name: `Close ${String(i).padStart(4, "0")}`,
    }));
    const { emu, api } = await setup({ seed: seedOf([...many, { id: "p-exact", name: "Close" }]) });
    const listed = await api.listProcesses({ nameContains: "Close" });
    expect(listed).toHaveLength(1204);
    expect(new Set(listed.map((p) => p.id)).size).toBe(1204);
    const pages = calls(emu, "GET", "/processes");
    expect(pages).toHaveLength(2);
    expect(pages[0]?.query).toMatchObject({ $filter: "name contains 'Close'", $maxpagesize: "1000" });
    expect(pages[1]?.query.$next).toBeTruthy();
  });

  it("escapes quotes in the name filter", async () => {
    const { emu, api } = await setup({ seed: seedOf([{ id: "p-q", name: "Bob's close" }]) });
    expect((await api.listProcesses({ nameContains: "Bob's" })).map((p) => p.id)).toEqual(["p-q"]);
    expect(calls(emu, "GET", "/processes")[0]?.query.$filter).toBe("name contains 'Bob''s'");
  });

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

  it("creates job runs at a position and returns them in request order", async () => {
    const { emu, api } = await setup();
    const created = await api.createJobRuns(
      "run-q4close",
      { parentGroupId: null, relativeSiblingId: "jr-kickoff", before: false },
      [sendTask("First"), sendTask("Second")],
    );
    expect(created).toHaveLength(2);
    expect(created.map((c) => c.ordinal)).toEqual([1, 2]);
    const post = calls(emu, "POST", "/jobRuns")[0];
    expect(post?.query).toEqual({ relativeSiblingId: "jr-kickoff", before: "false" });
    expect(post?.body).toEqual([sendTask("First"), sendTask("Second")]);
    const run = await api.getProcessRun("run-q4close");
    expect(run.root.children.slice(0, 3).map((c) => c.id)).toEqual([
      "jr-kickoff",
      created[0]?.id,
      created[1]?.id,
    ]);
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

  it("reports a 400 as rejected with the server's message", async () => {
    const { api } = await setup();
    const bad = { ...sendTask("x"), action: "contentRequest" };
    const position = { parentGroupId: null, relativeSiblingId: null, before: null };
    const error = await caught(api.createJobRuns("run-vendor", position, [bad]));
    expect(error.outcome).toBe("rejected");
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^the API rejected the request \(HTTP 400[^)]*\): \S/);
  });

  it("reports a 404 for an unknown run", async () => {
    const { api } = await setup();
    const error = await caught(api.getProcessRun("run-nope"));
    expect(error).toMatchObject({ status: 404, outcome: "rejected" });
    expect(error.message).toMatch(/^process run run-nope not found \(HTTP 404/);
  });

  it("reports a closed port as not-sent, for GET and POST", async () => {
    const port = await closedPort();
    const base = `http://127.0.0.1:${port}`;
    const clock = virtualTime();
    const api = emulatorClient(base, {
      timeoutMs: 2000,
      credentials: { type: "token", token: "static-token" },
      rateLimit: { requests: 1000, perSeconds: 60 },
      now: clock.now,
      sleep: clock.sleep,
    });
    open.push(api);
    const get = await caught(api.getProcessRun("run-q4close"));
    expect(get.outcome).toBe("not-sent");
    expect(get.message).toContain("ECONNREFUSED");
    const post = await caught(
      api.createJobRuns("r", { parentGroupId: null, relativeSiblingId: null, before: null }, [sendTask("x")]),
    );
    expect(post.outcome).toBe("not-sent");
    expect(JSON.stringify([post.message, post.details])).not.toContain("static-token");
  });

  it("explains a refused static token and missing credentials", async () => {
    const { api } = await setup({}, { credentials: { type: "token", token: "stale" } });
    const error = await caught(api.getProcessRun("run-q4close"));
    expect(error.status).toBe(401);
    expect(error.message).toContain("JOBSYNC_TOKEN");
    const none = await setup({}, { credentials: { type: "none" } });
    const missing = await caught(none.api.getProcessRun("run-q4close"));
    expect(missing.message).toBe(
      "No credentials: set WORKIVA_CLIENT_ID and WORKIVA_CLIENT_SECRET, or JOBSYNC_TOKEN",
    );
    expect(none.emu.requests).toHaveLength(0);
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
