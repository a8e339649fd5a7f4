/**
 * `jobsync doctor` against hostile input, in-process against the emulator over real HTTP on port
 * 0: names, ids and keys with control characters escaped; an http:// base URL off loopback
 * refused before any connection; a refused X-Version; a certificate the client does not trust;
 * and secrets seeded in the environment nowhere in stdout or stderr.
 */
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_SEED } from "../src/emulator/demo-seed.js";
import type { EmulatorSeed } from "../src/emulator/emulator-types.js";
import {
  addRootChild,
  DEMO_CONFIG,
  doctor,
  hasOpenssl,
  json,
  manifestFor,
  project,
  removeProjectsAfterEach,
  statuses,
  tempDir,
} from "./helpers/doctor-cli.js";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

removeProjectsAfterEach();

describe("hostile input", () => {
  it("names, ids and keys with control characters are escaped in text and JSON", async () => {
    const evil = "Evil\u001b[2J\u202eName\u0007\u009b";
    const emulator = await startTestEmulator({
      seed: {
        processes: [
          ...DEMO_SEED.processes,
          { id: "proc-evil", name: evil, run: { id: "run-evil", children: [] } },
        ],
      },
    });
    addRootChild(emulator, "/processRuns/run-evil", 5, {
      id: "x\u001b]0;owned\u0007",
      "\u001b[31mkey\u2066": 1,
    });
    const dir = await project(manifestFor('{ process: { name: "Evil\\e[2J\\u202eName\\a\\u009b" } }'));
    for (const format of ["text", "json"]) {
      const r = await doctor(["--format", format], emulator.env(), dir);
      expect(r.code).toBe(1);
      expect(r.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(r.out).toContain("\\u001b");
    }
    const { report } = await json([], emulator.env(), dir);
    expect(report.targets[0]?.target).toBe(`process "${evil}"`);
    expect(report.targets[0]?.unknownNodes[0]?.keys).toEqual(["\u001b[31mkey\u2066", "id"]);
  });

  it("an http:// base URL off loopback is refused before any connection", async () => {
    // The proxy is the emulator: had doctor connected anywhere, the emulator would have seen it.
    const emulator = await startTestEmulator();
    const env = emulator.env({
      JOBSYNC_BASE_URL: "http://api.example.com",
      HTTP_PROXY: emulator.url,
      HTTPS_PROXY: emulator.url,
    });
    const { code, report } = await json(["--config", DEMO_CONFIG], env);
    expect(code).toBe(1);
    const base = report.checks.find((c) => c.name === "base-url");
    expect(base?.status).toBe("fail");
    expect(base?.detail).toContain("refusing to send credentials over plain http to api.example.com");
    expect(statuses(report)).toMatchObject({
      proxy: "skipped",
      tls: "skipped",
      credentials: "skipped",
      "api-version": "skipped",
    });
    expect(emulator.requests).toEqual([]);
  });

  it("a refused X-Version is reported as such", async () => {
    const emulator = await startTestEmulator();
    const dir = await project(manifestFor("{ processRun: run-q4close }"), {
      api: { version: "1999-01-01.processes" },
    });
    const { code, report } = await json([], emulator.env(), dir);
    expect(code).toBe(1);
    const v = report.checks.find((c) => c.name === "api-version");
    expect(v?.status).toBe("fail");
    expect(v?.detail).toContain("the API refused X-Version 1999-01-01.processes (HTTP 400)");
    expect(report.targets[0]?.status).toBe("skipped");
  });

  it.skipIf(!hasOpenssl())(
    "a certificate the client does not trust fails tls with its error code",
    async () => {
      const dir = await tempDir("jobsync-doctor-tls-");
      execFileSync(
        "openssl",
        ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"].concat([
          "-keyout",
          join(dir, "key.pem"),
          "-out",
          join(dir, "cert.pem"),
        ]),
        { stdio: "ignore" },
      );
      const server = createServer(
        { key: await readFile(join(dir, "key.pem")), cert: await readFile(join(dir, "cert.pem")) },
        (_req, res) => res.end("{}"),
      );
      server.listen(0, "127.0.0.1");
      await once(server, "listening");
      try {
        const port = (server.address() as AddressInfo).port;
        await writeFile(join(dir, "m.yaml"), manifestFor("{ processRun: run-q4close }"));
        await writeFile(join(dir, "jobsync.config.json"), JSON.stringify({ manifests: "m.yaml" }));
        const { code, report } = await json(
          [],
          {
            JOBSYNC_BASE_URL: `https://127.0.0.1:${port}`,
            WORKIVA_CLIENT_ID: "ci",
            WORKIVA_CLIENT_SECRET: "s",
          },
          dir,
        );
        expect(code).toBe(1);
        const tls = report.checks.find((c) => c.name === "tls");
        expect(tls?.status).toBe("fail");
        expect(tls?.detail).toMatch(/DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED/);
        expect(tls?.detail).toContain("NODE_EXTRA_CA_CERTS");
        expect(report.checks.find((c) => c.name === "credentials")?.status).toBe("skipped");
      } finally {
        server.closeAllConnections();
        server.close();
      }
    },
  );
});

describe("secrets", () => {
  const SECRET = "SeCrEt-XyZZy-0451";
  const TOKEN = "ToKeN-QwErTy-8812";
  const PROXY_PASS = "PrOxY-PaSs-3377";
  const PROXY_USER = "proxy-user-ab12";

  const secretEnv = (emulator: TestEmulator, overrides: Record<string, string> = {}) =>
    emulator.env({
      WORKIVA_CLIENT_SECRET: SECRET,
      JOBSYNC_TOKEN: TOKEN,
      HTTPS_PROXY: `http://${PROXY_USER}:${PROXY_PASS}@proxy.example.com:3128`,
      NO_PROXY: "internal.example",
      ...overrides,
    });

  const leaks = (text: string) =>
    [
      SECRET,
      TOKEN,
      PROXY_PASS,
      PROXY_USER,
      encodeURIComponent(SECRET),
      Buffer.from(`ci:${SECRET}`).toString("base64"),
    ].filter((s) => text.includes(s));

  it("never appear in stdout or stderr, passing or failing, in either format, even when the server echoes them", async () => {
    const seed: EmulatorSeed = {
      processes: [
        ...DEMO_SEED.processes,
        { id: "proc-echo", name: `echo ${SECRET}`, run: { id: "run-echo", children: [] } },
      ],
    };
    const emulator = await startTestEmulator({ seed });
    addRootChild(emulator, "/processRuns/run-echo", 20, {
      id: TOKEN,
      [`Bearer ${TOKEN}`]: SECRET,
      [PROXY_PASS]: 1,
    });
    const dir = await project(manifestFor(`{ process: { name: "echo ${SECRET}" } }`));
    const runs = [
      // passing checks, the server echoing secrets in names, ids and keys
      await doctor([], secretEnv(emulator, { WORKIVA_CLIENT_ID: "ci" }), dir),
      await doctor(["--format", "json"], secretEnv(emulator, { WORKIVA_CLIENT_ID: "ci" }), dir),
      // a refused client (the emulator now names its clients)
      ...(await (async () => {
        const strict = await startTestEmulator({
          seed: { ...seed, clients: [{ clientId: "ci", clientSecret: "other" }] },
        });
        return [
          await doctor([], secretEnv(strict, { WORKIVA_CLIENT_ID: "ci" }), dir),
          await doctor(["--format", "json"], secretEnv(strict, { WORKIVA_CLIENT_ID: "ci" }), dir),
        ];
      })()),
      // the static token only, and an https base URL with credentials in it, through the proxy (fails to connect)
      await doctor(
        ["--format", "json"],
        secretEnv(emulator, {
          WORKIVA_CLIENT_ID: "",
          WORKIVA_CLIENT_SECRET: "",
          JOBSYNC_BASE_URL: `https://user:${SECRET}@127.0.0.1:1`,
        }),
        dir,
      ),
      // a malformed proxy (its value never echoed)
      await doctor([], secretEnv(emulator, { HTTPS_PROXY: `${PROXY_USER}:${PROXY_PASS}@nowhere` }), dir),
    ];
    for (const r of runs) {
      expect(leaks(r.out)).toEqual([]);
      expect(leaks(r.err)).toEqual([]);
    }
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(runs[0]?.out).toContain("[redacted]");
  });
});
