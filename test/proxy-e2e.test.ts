/**
 * HTTPS_PROXY end to end (contract §10): the shipped binary reaches an https API only through the
 * proxy (CONNECT), with the proxy's credentials taken from the proxy URL and never printed; a 407
 * from the proxy is a clear error naming what to do; NO_PROXY and loopback go direct. The API is
 * the emulator behind a TLS front with a self-signed certificate for api.example.test (trusted
 * through NODE_EXTRA_CA_CERTS); api.example.test resolves nowhere, so only the proxy can reach it.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createServer as createTlsServer, type Server as TlsServer } from "node:tls";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runBin } from "./helpers/run-bin.js";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

const TLS = resolve(import.meta.dirname, "fixtures/tls");
const SECRET = "client-s3cret-for-proxy-test";
const PROXY_PASSWORD = "pr0xy-pa55word";
const MANIFEST = `apiVersion: jobsync/v1
kind: JobRuns
target: { processRun: run-q4close }
jobs:
  - sendTask: { title: Proxy check, assignee: user123 }
`;

let emulator: TestEmulator;
let front: TlsServer;
let proxy: Server;
let proxyUrl: string;
let dir: string;
/** What the proxy saw: each CONNECT target and whether it carried the expected credentials. */
let tunnels: { target: string; authorised: boolean }[];
let requireAuth: boolean;

const address = (s: { address(): AddressInfo | string | null }) => s.address() as AddressInfo;

beforeAll(async () => {
  emulator = await startTestEmulator({}, { until: "file" });
  const [key, cert] = await Promise.all([
    readFile(join(TLS, "api.example.test.key")),
    readFile(join(TLS, "api.example.test.crt")),
  ]);
  // TLS in front of the emulator: decrypts and passes the bytes on.
  front = createTlsServer({ key, cert }, (tls) => pipe(tls, connect(emulator.port, "127.0.0.1")));
  await new Promise<void>((done) => front.listen(0, "127.0.0.1", done));
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on("connect", (req: IncomingMessage, client: Socket) => {
    const expected = `Basic ${Buffer.from(`proxyuser:${PROXY_PASSWORD}`).toString("base64")}`;
    const authorised = req.headers["proxy-authorization"] === expected;
    tunnels.push({ target: req.url ?? "", authorised });
    if (requireAuth && !authorised) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\n\r\n',
      );
      return;
    }
    if (req.url !== "api.example.test:443") {
      client.end("HTTP/1.1 502 Bad Gateway\r\n\r\n");
      return;
    }
    const upstream = connect(address(front).port, "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      pipe(client, upstream);
    });
  });
  await new Promise<void>((done) => proxy.listen(0, "127.0.0.1", done));
  proxyUrl = `http://127.0.0.1:${address(proxy).port}`;
  dir = await mkdtemp(join(tmpdir(), "jobsync-proxy-"));
  await writeFile(join(dir, "m.yaml"), MANIFEST);
  await writeFile(
    join(dir, "jobsync.config.json"),
    JSON.stringify({
      manifests: "m.yaml",
      api: { baseUrl: "https://api.example.test", tokenUrl: "https://api.example.test/oauth2/token" },
    }),
  );
});

afterAll(async () => {
  proxy.closeAllConnections();
  await Promise.all([
    new Promise((done) => proxy.close(done)),
    new Promise((done) => front.close(done)),
    rm(dir, { recursive: true, force: true }),
  ]);
});

beforeEach(() => {
  tunnels = [];
  requireAuth = false;
});

function pipe(a: Socket, b: Socket): void {
  a.pipe(b).pipe(a);
  a.on("error", () => b.destroy());
  b.on("error", () => a.destroy());
}

function jobsync(args: string[], env: Record<string, string>) {
  return runBin(args, {
    cwd: dir,
    env: {
      NODE_EXTRA_CA_CERTS: join(TLS, "api.example.test.crt"),
      WORKIVA_CLIENT_ID: "ci",
      WORKIVA_CLIENT_SECRET: SECRET,
      NO_COLOR: "1",
      ...env,
    },
  });
}

describe("HTTPS_PROXY", () => {
  it("carries every request to an https API through the proxy", async () => {
    const before = emulator.requests.length;
    const { code, out, err } = await jobsync(["plan"], { HTTPS_PROXY: proxyUrl });
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toContain("Proxy check");
    expect(tunnels.length).toBeGreaterThan(0);
    expect(new Set(tunnels.map((t) => t.target))).toEqual(new Set(["api.example.test:443"]));
    const seen = emulator.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    expect(seen).toContain("POST /oauth2/token");
    expect(seen).toContain("GET /processRuns/run-q4close");
  });

  it("sends the proxy's credentials from the proxy URL and never prints them", async () => {
    requireAuth = true;
    const url = proxyUrl.replace("http://", `http://proxyuser:${PROXY_PASSWORD}@`);
    const { code, out, err } = await jobsync(["plan"], { HTTPS_PROXY: url });
    expect(code).toBe(0);
    expect(tunnels.length).toBeGreaterThan(0);
    expect(tunnels.every((t) => t.authorised)).toBe(true);
    expect(out + err).not.toContain(PROXY_PASSWORD);
    expect(out + err).not.toContain(SECRET);
  });

  it("a 407 from the proxy ends the command with what to do, no secret and no stack", async () => {
    requireAuth = true;
    const url = proxyUrl.replace("http://", "http://proxyuser:wrong-pa55@");
    const { code, out, err } = await jobsync(["plan"], { HTTPS_PROXY: url });
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toContain("Error: the proxy refused to connect to the API (HTTP 407 from the proxy)");
    expect(err).toContain("HTTPS_PROXY=http://user:password@proxy:port");
    expect(err).not.toContain("wrong-pa55");
    expect(err).not.toContain(SECRET);
    expect(err).not.toMatch(/\n\s+at /);
    expect(err).not.toContain("bug in jobsync");
    // Refused at the proxy: asked once, not over and over.
    expect(tunnels).toHaveLength(1);
  });

  it("NO_PROXY sends that host direct (here: nowhere, so the command fails naming the host)", async () => {
    const { code, err } = await jobsync(["plan"], { HTTPS_PROXY: proxyUrl, NO_PROXY: ".example.test" });
    expect(tunnels).toEqual([]);
    expect(code).toBe(1);
    expect(err).toMatch(
      /^Error: could not connect to the API at api\.example\.test \((ENOTFOUND|EAI_AGAIN)\)/,
    );
    expect(err).not.toContain(SECRET);
    expect(err).not.toContain("bug in jobsync");
  });

  it("never proxies loopback: the emulator over http is reached direct", async () => {
    await writeFile(
      join(dir, "loopback.json"),
      JSON.stringify({ manifests: "m.yaml", api: { baseUrl: emulator.url } }),
    );
    const { code, err } = await jobsync(["plan", "--config", "loopback.json"], { HTTPS_PROXY: proxyUrl });
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(tunnels).toEqual([]);
  });
});
