import { describe, expect, it } from "vitest";
import { DEMO_SEED } from "../src/emulator/demo-seed.js";
import type { EmulatorSeed } from "../src/emulator/emulator-types.js";
import {
  addRootChild,
  DEMO_CONFIG,
  doctor,
  json,
  removeProjectsAfterEach,
  statuses,
} from "./helpers/doctor-cli.js";
import { startTestEmulator } from "./helpers/test-emulator.js";

removeProjectsAfterEach();

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
