/**
 * Bounded waits (contract §9.6): a server wait past `api.maxWaitSeconds` ends every request at
 * once, and every request has a whole-request deadline however slowly its body trickles in.
 * Against the emulator (faults) and a small server of our own that trickles a body.
 */
import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { apiFailure } from "./helpers/api-failure.js";
import { emulatorClient } from "./helpers/emulator-client.js";
import { startTestEmulator } from "./helpers/test-emulator.js";

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.close();
});

describe("a server wait past api.maxWaitSeconds", () => {
  it("ends the request at once, says how long was asked, and no later request is sent", async () => {
    const emu = await startTestEmulator();
    const waits: number[] = [];
    const api = emulatorClient(emu.url, {
      maxWaitSeconds: 300,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    open.push(api);
    emu.injectFault({
      path: "/processRuns/",
      kind: { type: "status-before", status: 429, retryAfter: 999999 },
    });
    const error = await apiFailure(api.getProcessRun("run-q4close"));
    expect(error.message).toBe(
      "the API asked to wait 999999 s before the next request (HTTP 429), longer than api.maxWaitSeconds (300 s)",
    );
    expect(error.outcome).toBe("not-sent");
    expect(Math.max(0, ...waits)).toBeLessThan(300_000);
    const later = await apiFailure(api.getProcessRun("run-vendor"));
    expect(later).toBe(error);
    const apiRequests = emu.requests.filter((r) => !r.path.includes("oauth2"));
    expect(apiRequests.map((r) => r.status)).toEqual([429]);
  });

  it("waits as asked when the wait is within the limit", async () => {
    const emu = await startTestEmulator();
    // A virtual clock: sleeping advances it, never waits.
    let t = Date.parse("2026-03-02T09:00:00Z");
    const waits: number[] = [];
    const api = emulatorClient(emu.url, {
      maxWaitSeconds: 300,
      now: () => t,
      sleep: async (ms) => {
        waits.push(ms);
        t += ms;
      },
    });
    open.push(api);
    emu.injectFault({ path: "/processRuns/", kind: { type: "status-before", status: 429, retryAfter: 120 } });
    const run = await api.getProcessRun("run-q4close");
    expect(run.id).toBe("run-q4close");
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(120_000);
  });
});

describe("the whole-request deadline", () => {
  it("ends a response whose body trickles in, even though each byte comes in time", async () => {
    let server: Server | undefined;
    const started = new Promise<string>((resolve) => {
      server = createServer((req, res) => {
        if (req.url?.startsWith("/oauth2/token")) {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ access_token: "t", token_type: "Bearer", expires_in: 600 }));
          return;
        }
        res.writeHead(200, { "content-type": "application/json" });
        const timer = setInterval(() => res.write(" "), 20);
        res.on("close", () => clearInterval(timer));
      }).listen(0, "127.0.0.1", () => {
        const address = server?.address();
        resolve(typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "");
      });
    });
    const url = await started;
    open.push({ close: () => new Promise((resolve) => server?.close(() => resolve())) });
    server?.closeAllConnections?.();
    const api = emulatorClient(url, { timeoutMs: 250, sleep: async () => {} });
    open.push(api);
    const error = await apiFailure(api.getProcessRun("run-1"));
    expect(error.message).toMatch(/^the API did not answer in time \(JOBSYNC_DEADLINE_TIMEOUT\)/);
    open.unshift({ close: async () => server?.closeAllConnections() });
  });
});
