/**
 * `jobsync doctor` end to end, the CLI in-process against the emulator over real HTTP on port 0:
 * every check ok on the demo seed, and only GETs besides the token request; bad credentials stop
 * the API checks; an unknown node shape listed as a fail; hostile names escaped; an http://
 * base URL off loopback refused before any connection; a refused X-Version; a certificate the
 * client does not trust; and secrets seeded in the environment nowhere in stdout or stderr.
 */
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import type { DoctorReport } from "../src/doctor/report-types.js";
import { DEMO_SEED } from "../src/emulator/demo-seed.js";
import type { EmulatorSeed } from "../src/emulator/emulator-types.js";
import { memoryIO } from "./helpers/memory-io.js";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

const DEMO_CONFIG = resolve(import.meta.dirname, "fixtures/demo/jobsync.config.json");

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function doctor(args: string[], env: Record<string, string>, cwd = import.meta.dirname) {
  const io = memoryIO({ cwd, env });
  const code = await runCli(["doctor", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

async function json(args: string[], env: Record<string, string>, cwd?: string) {
  const r = await doctor([...args, "--format", "json"], env, cwd);
  return { ...r, report: JSON.parse(r.out) as DoctorReport };
}

const statuses = (report: DoctorReport) => Object.fromEntries(report.checks.map((c) => [c.name, c.status]));

/** A folder with a config and one manifest (its text given). */
async function project(manifest: string, config: object = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "jobsync-doctor-"));
  dirs.push(dir);
  await writeFile(join(dir, "m.yaml"), manifest);
  await writeFile(join(dir, "jobsync.config.json"), JSON.stringify({ manifests: "m.yaml", ...config }));
  return dir;
}

const manifestFor = (target: string) =>
  `apiVersion: jobsync/v1\nkind: JobRuns\ntarget: ${target}\njobs: []\n`;

/** Serves `node` as one more child of the run's root, on the next `times` GETs of `path`. */
function addRootChild(emulator: TestEmulator, path: string, times: number, node: unknown): void {
  emulator.injectFault({
    method: "GET",
    path,
    times,
    kind: {
      type: "rewrite-body",
      rewrite: (body) => {
        const run = body as { root: { children: unknown[] } };
        run.root.children.push(node);
        return run;
      },
    },
  });
}

describe("jobsync doctor against the demo seed", () => {
  it("passes every check, reads every target's run, and sends no write", async () => {
    const emulator = await startTestEmulator();
    const text = await doctor(["--config", DEMO_CONFIG], emulator.env());
    expect(text.err).toBe("");
    expect(text.code).toBe(0);
    expect(text.out).toContain("[ok]   credentials  token obtained from /oauth2/token");
    expect(text.out).toContain("expires in 599 s; scope: file:read file:write");
    expect(text.out).toContain("X-Version 2026-04-01.processes.preview accepted");
    expect(text.out).toContain("run run-q4close (running): 5 job runs, 1 group, 0 generated, 0 unknown");
    expect(text.out).toMatch(/0 failed, 0 warnings, \d+ ok, 1 skipped\./);

    const { code, report } = await json(["--config", DEMO_CONFIG], emulator.env());
    expect(code).toBe(0);
    expect(Object.keys(report)).toEqual([
      "formatVersion",
      "jobsyncVersion",
      "node",
      "platform",
      "checks",
      "targets",
      "summary",
    ]);
    expect(report.jobsyncVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.node).toBe(process.version);
    expect(statuses(report)).toEqual({
      config: "ok",
      manifests: "ok",
      "base-url": "ok",
      "token-url": "ok",
      proxy: "ok",
      tls: "ok",
      credentials: "ok",
      "api-version": "ok",
      "rate-budget": "skipped",
    });
    for (const c of report.checks) expect(Object.keys(c)).toEqual(["name", "status", "detail"]);
    expect(report.targets.map((t) => [t.target, t.status, t.runId])).toEqual([
      ['process "Annual Report 2024"', "ok", "run-annual-2024"],
      ['process "Month-end close: November 2026"', "ok", "run-close-november-2026"],
      ['process "Month-end close: December 2026"', "ok", "run-close-december-2026"],
      ["process run run-q4close", "ok", "run-q4close"],
      ["process proc-vendor", "ok", "run-vendor"],
    ]);
    const q4 = report.targets.find((t) => t.runId === "run-q4close");
    expect(q4?.nodes).toEqual({ jobs: 5, groups: 1, generated: 0, unknown: 0 });
    expect(q4?.unknownNodes).toEqual([]);
    expect(report.summary).toEqual({ ok: 13, warn: 0, fail: 0, skipped: 1 });

    const methods = emulator.requests.map((r) => `${r.method} ${r.method === "GET" ? "" : r.path}`.trim());
    expect(new Set(methods)).toEqual(new Set(["GET", "POST /oauth2/token"]));
  });

  it("counts generated certification job runs apart from managed ones", async () => {
    const emulator = await startTestEmulator();
    addRootChild(emulator, "/processRuns/run-q4close", 10, {
      type: "jobRun",
      jobRun: {
        id: "jr-cert",
        action: "certification",
        arguments: {},
        children: [
          { id: "g1", action: "certificationSignoffGenerated" },
          { id: "g2", action: "x" },
        ],
      },
    });
    const { code, report } = await json(["--config", DEMO_CONFIG], emulator.env());
    expect(code).toBe(0);
    expect(report.targets.find((t) => t.runId === "run-q4close")?.nodes).toEqual({
      jobs: 6,
      groups: 1,
      generated: 2,
      unknown: 0,
    });
  });
});

describe("credentials", () => {
  const seed: EmulatorSeed = { ...DEMO_SEED, clients: [{ clientId: "ci", clientSecret: "the-right-one" }] };

  it("a wrong secret fails credentials; the checks after it are skipped, saying why", async () => {
    const emulator = await startTestEmulator({ seed });
    const env = emulator.env({ WORKIVA_CLIENT_ID: "ci", WORKIVA_CLIENT_SECRET: "wrong-secret-value" });
    const { code, report, err } = await json(["--config", DEMO_CONFIG], env);
    expect(err).toBe("");
    expect(code).toBe(1);
    const c = report.checks.find((x) => x.name === "credentials");
    expect(c?.status).toBe("fail");
    expect(c?.detail).toContain("the token endpoint refused the client credentials (HTTP 401");
    expect(report.checks.find((x) => x.name === "api-version")).toEqual({
      name: "api-version",
      status: "skipped",
      detail: "needs credentials, which failed",
    });
    expect(report.targets.length).toBe(5);
    for (const t of report.targets) {
      expect(t.status).toBe("skipped");
      expect(t.detail).toBe("needs api-version, which was skipped");
    }
    expect(emulator.requests.filter((r) => r.path.startsWith("/process"))).toEqual([]);
  });

  it("an auth fault at the token endpoint fails credentials (text, exit 1, no stack)", async () => {
    const emulator = await startTestEmulator();
    emulator.injectFault({ path: "/oauth2/token", times: 5, kind: { type: "status-before", status: 401 } });
    const r = await doctor(["--config", DEMO_CONFIG], emulator.env());
    expect(r.code).toBe(1);
    expect(r.err).toBe("");
    expect(r.out).toMatch(/\[fail\] credentials +the token endpoint refused/);
    expect(r.out).toContain("[skip] api-version  needs credentials, which failed");
    expect(r.out).not.toMatch(/\n\s+at /);
  });

  it("a ready JOBSYNC_TOKEN the API refuses fails the first read, saying so", async () => {
    const emulator = await startTestEmulator();
    const env = { JOBSYNC_BASE_URL: emulator.url, JOBSYNC_TOKEN: "not-a-token-we-issued", NO_COLOR: "1" };
    const { code, report, out } = await json(["--config", DEMO_CONFIG], env);
    expect(code).toBe(1);
    expect(statuses(report)).toMatchObject({ credentials: "ok", "api-version": "fail" });
    expect(report.checks.find((c) => c.name === "api-version")?.detail).toContain(
      "the API refused the token in JOBSYNC_TOKEN (HTTP 401",
    );
    expect(out).not.toContain("not-a-token-we-issued");
  });

  it("no credentials at all: credentials fails naming what to set", async () => {
    const emulator = await startTestEmulator();
    const { code, report } = await json(["--config", DEMO_CONFIG], {
      JOBSYNC_BASE_URL: emulator.url,
      NO_COLOR: "1",
    });
    expect(code).toBe(1);
    expect(report.checks.find((c) => c.name === "credentials")?.detail).toContain(
      "set WORKIVA_CLIENT_ID and WORKIVA_CLIENT_SECRET, or JOBSYNC_TOKEN",
    );
  });
});

describe("node shapes", () => {
  it("an unknown node is a fail listing its id and keys; the other targets still pass", async () => {
    const emulator = await startTestEmulator();
    addRootChild(emulator, "/processRuns/run-q4close", 10, {
      id: "mystery-1",
      widget: { a: 1 },
      colour: "blue",
    });
    const { code, report } = await json(["--config", DEMO_CONFIG], emulator.env());
    expect(code).toBe(1);
    const q4 = report.targets.find((t) => t.runId === "run-q4close");
    expect(q4?.status).toBe("fail");
    expect(q4?.nodes).toEqual({ jobs: 5, groups: 1, generated: 0, unknown: 1 });
    expect(q4?.unknownNodes).toEqual([
      {
        id: "mystery-1",
        path: "root.children.5",
        keys: ["colour", "id", "widget"],
        reason: "neither a job run (no action or arguments) nor a group run (no parallel)",
      },
    ]);
    expect(report.targets.filter((t) => t.status === "ok").length).toBe(4);
    expect(report.summary.fail).toBe(1);

    const text = await doctor(["--config", DEMO_CONFIG], emulator.env());
    expect(text.out).toContain("unknown node id mystery-1 at root.children.5: keys colour, id, widget");
  });
});

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
      const dir = await mkdtemp(join(tmpdir(), "jobsync-doctor-tls-"));
      dirs.push(dir);
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

function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
