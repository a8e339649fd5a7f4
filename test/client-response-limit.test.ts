/**
 * A response past 64 MiB (contract §10) gets a clear error naming the limit, is read once (never
 * downloaded again by a retry) and never holds more than the limit in memory; an answer of exactly
 * 64 MiB is read. Against a small server of our own that serves whatever body a test gives it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_RESPONSE_BYTES } from "../src/api/read-body.js";
import { apiFailure } from "./helpers/api-failure.js";
import { emulatorClient } from "./helpers/emulator-client.js";
import { startTestEmulator } from "./helpers/test-emulator.js";

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.close();
});

/** A server answering token requests, and every other request with `answer`; counts the others. */
async function serve(answer: (res: ServerResponse, req: IncomingMessage) => void) {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith("/oauth2/token")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ access_token: "t", token_type: "Bearer", expires_in: 600 }));
      return;
    }
    seen.push(`${req.method} ${req.url}`);
    answer(res, req);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "";
  open.push({
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  const api = emulatorClient(url, { timeoutMs: 30_000, sleep: async () => {} });
  open.push(api);
  return { api, seen };
}

describe("a response past 64 MiB", () => {
  it("is refused from its Content-Length before the body is read, and not asked for again", async () => {
    const { api, seen } = await serve((res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(700 * 1024 * 1024) });
      res.write("{"); // and never more: the client must not wait for the rest
    });
    const error = await apiFailure(api.getProcessRun("run-1"));
    expect(error.message).toBe(
      "the API's answer (HTTP 200) is larger than 64 MiB (it declared 700 MiB), the most jobsync reads; it was not read further",
    );
    expect(error.details.hint).toMatch(/api\.baseUrl/);
    expect(error.outcome).toBe("rejected");
    expect(seen).toEqual(["GET /processRuns/run-1"]);
  });

  it("is cut off as it streams in without a Content-Length, once", async () => {
    let written = 0;
    const { api, seen } = await serve((res) => {
      res.writeHead(200, { "content-type": "application/json" }); // chunked
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const pump = () => {
        while (written < MAX_RESPONSE_BYTES * 2) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => res.removeAllListeners("drain"));
      pump();
    });
    const error = await apiFailure(api.getProcessRun("run-1"));
    expect(error.message).toBe(
      "the API's answer (HTTP 200) is larger than 64 MiB, the most jobsync reads; it was not read further",
    );
    expect(seen).toEqual(["GET /processRuns/run-1"]);
    expect(written).toBeLessThan(MAX_RESPONSE_BYTES * 2);
  });

  it("on a POST that succeeded may have been applied, and says so", async () => {
    const { api } = await serve((res) => {
      res.writeHead(201, {
        "content-type": "application/json",
        "content-length": String(MAX_RESPONSE_BYTES + 1),
      });
      res.write("[");
    });
    const error = await apiFailure(
      api.createJobRuns("run-1", { relativeSiblingId: null, parentGroupId: null, before: null }, []),
    );
    expect(error.outcome).toBe("maybe-applied");
    expect(error.message).toMatch(/^the API's answer \(HTTP 201\) is larger than 64 MiB/);
  });
});

describe("a response of exactly 64 MiB", () => {
  it("is read", async () => {
    const emu = await startTestEmulator();
    open.push(emu);
    const run = Buffer.from(JSON.stringify(emu.snapshotRun("run-q4close")));
    const body = Buffer.concat([run, Buffer.alloc(MAX_RESPONSE_BYTES - run.length, 0x20)]);
    expect(body.length).toBe(MAX_RESPONSE_BYTES);
    const { api } = await serve((res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) });
      res.end(body);
    });
    const read = await api.getProcessRun("run-q4close");
    expect(read.id).toBe("run-q4close");
  });
});
