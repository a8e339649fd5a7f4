/**
 * Contract §10/§12: credentials and tokens go only over https, except to loopback; the rule
 * holds for api.baseUrl, api.tokenUrl and every @nextLink, and a @nextLink must stay on the
 * origin of baseUrl. The CLI in-process, the emulator and a small server over real HTTP on port 0.
 */
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import { ApiError } from "../src/diagnostics/errors.js";
import { emulatorClient } from "./helpers/emulator-client.js";
import { memoryIO } from "./helpers/memory-io.js";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

const SECRET = "s3cr3t-client-secret-value";
const MANIFEST = "apiVersion: jobsync/v1\nkind: JobRuns\ntarget: { processRun: run-q4close }\njobs: []\n";

let emulator: TestEmulator;
let dir: string;
beforeEach(async () => {
  emulator = await startTestEmulator();
  dir = await mkdtemp(join(tmpdir(), "jobsync-https-"));
  await writeFile(join(dir, "m.yaml"), MANIFEST);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function plan(config: object, env: Record<string, string> = {}) {
  await writeFile(join(dir, "jobsync.config.json"), JSON.stringify({ manifests: "m.yaml", ...config }));
  const io = memoryIO({
    cwd: dir,
    env: { WORKIVA_CLIENT_ID: "ci", WORKIVA_CLIENT_SECRET: SECRET, NO_COLOR: "1", ...env },
  });
  const code = await runCli(["plan"], io);
  return { code, out: io.out(), err: io.err() };
}

describe("https only, except loopback", () => {
  it("refuses an http base URL to another host before any connection, saying what to do", async () => {
    const { code, err } = await plan({}, { JOBSYNC_BASE_URL: "http://api.example.com" });
    expect(code).toBe(1);
    expect(err).toContain(
      "Error: refusing to send credentials over plain http to api.example.com (api.baseUrl or JOBSYNC_BASE_URL)",
    );
    expect(err).toContain("Use an https:// URL.");
    expect(err).not.toContain(SECRET);
    expect(err).not.toContain("bug in jobsync");
  });

  it("refuses an http token URL to another host, and sends nothing to the API either", async () => {
    const { code, err } = await plan({
      api: { baseUrl: emulator.url, tokenUrl: "http://auth.example.com:8080/token" },
    });
    expect(code).toBe(1);
    expect(err).toContain(
      "refusing to send credentials over plain http to auth.example.com:8080 (api.tokenUrl)",
    );
    expect(emulator.requests).toHaveLength(0);
  });

  it("allows http to loopback: localhost names the emulator too", async () => {
    const port = new URL(emulator.url).port;
    const { code, err } = await plan({ api: { baseUrl: `http://localhost:${port}` } });
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(emulator.requests.length).toBeGreaterThan(0);
  });
});

describe("@nextLink", () => {
  let server: Server;
  let hits: string[];
  let nextLink: string;
  beforeEach(async () => {
    hits = [];
    server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ data: [], "@nextLink": nextLink }));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
  });
  afterEach(async () => {
    server.close();
    await once(server, "close");
  });
  const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  it.each([
    ["another host", "https://elsewhere.example.com/processes?$next=2"],
    ["another port on the same host", "http://127.0.0.1:1/processes?$next=2"],
    ["another scheme", "https://127.0.0.1/processes?$next=2"],
  ])("to %s is refused after the first page, the token never sent there", async (_what, link) => {
    nextLink = link;
    const client = emulatorClient(base(), { credentials: { type: "token", token: "tok" } });
    try {
      const error = await client.listProcesses().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(String(error)).toContain(
        `the API's @nextLink leads to another origin (${new URL(link).origin})`,
      );
      expect(hits).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it("on the same origin (relative or absolute) is followed, each link once", async () => {
    nextLink = "/processes?$next=2";
    const client = emulatorClient(base(), { credentials: { type: "token", token: "tok" } });
    try {
      expect(await client.listProcesses()).toEqual([]);
      expect(hits).toEqual(["GET /processes?%24maxpagesize=1000", "GET /processes?$next=2"]);
    } finally {
      await client.close();
    }
  });
});
