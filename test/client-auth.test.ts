/**
 * The Processes client's authentication against the emulator: one token reused, re-authenticating
 * after expiry, bad or missing credentials explained without the secret, X-Version on every request.
 */
import { describe, expect, it } from "vitest";
import type { LiveJobRun } from "../src/api/live-types.js";
import { CLIENT_ID, calls, caught, seedOf, setup } from "./helpers/client-setup.js";

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
