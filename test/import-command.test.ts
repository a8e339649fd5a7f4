import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import type { EmulatorHandle, EmulatorSeed } from "../src/emulator/emulator-types.js";
import { defaultSchemaRef, projectSchemaPath } from "../src/import/schema-ref.js";
import { parseManifestText } from "../src/manifest/parse-manifest-text.js";
import { apiClient, getToken } from "./helpers/emulator-api.js";
import { memoryIO } from "./helpers/memory-io.js";
import { startTestEmulator } from "./helpers/test-emulator.js";

/** `jobsync import` in-process against the emulator over real HTTP. */

const SECRET = "import-test-secret-value";

const seed: EmulatorSeed = {
  processes: [
    {
      id: "proc-q4",
      name: "Q4 Close",
      run: {
        id: "run-q4",
        children: [
          {
            id: "j-kickoff",
            action: "sendTask",
            args: { title: "Kickoff", assignee: { id: "u1", type: "user" } },
          },
          {
            group: "Approvals",
            id: "g-approvals",
            children: [
              {
                id: "j-sign",
                action: "sendTask",
                args: { title: "Sign", assignee: { id: "u2", type: "user" }, dueDate: "2025-01-31" },
              },
            ],
          },
        ],
      },
    },
    { id: "proc-other", name: "Other", run: { id: "run-other", children: [] } },
    { id: "proc-done", name: "Done", run: { id: "run-done", status: "complete", children: [] } },
    { id: "proc-twin-1", name: "Twin", run: { id: "run-twin-1", children: [] } },
    { id: "proc-twin-2", name: "Twin", run: { id: "run-twin-2", children: [] } },
  ],
};

let emulator: EmulatorHandle;
const dirs: string[] = [];

beforeAll(async () => {
  emulator = await startTestEmulator({ seed, rateLimit: false }, { until: "file" });
});
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "jobsync-import-"));
  dirs.push(dir);
  return dir;
}

function io(cwd: string) {
  return memoryIO({
    cwd,
    env: { JOBSYNC_BASE_URL: emulator.url, WORKIVA_CLIENT_ID: "import-test", WORKIVA_CLIENT_SECRET: SECRET },
  });
}

describe("jobsync import", () => {
  it("prints a manifest that validates to stdout", async () => {
    const cwd = freshDir();
    const cli = io(cwd);
    expect(await runCli(["import", "run-q4"], cli)).toBe(0);
    const text = cli.out();
    expect(cli.err()).toBe("");
    expect(text.split("\n")[0]).toBe(
      `# yaml-language-server: $schema=${defaultSchemaRef(cwd, projectSchemaPath(cwd))}`,
    );
    expect(text).toMatch(
      /# Imported by jobsync import from process run run-q4 \("Q4 Close"\), revision 1, last modified \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\.\n/,
    );
    expect(text).toContain(`# Source: ${emulator.url}\n`);
    expect(text).toContain("target:\n  processRun: run-q4\n");
    expect(text).toContain("  - group: Approvals\n    jobs:\n      - sendTask:\n          title: Sign\n");
    expect(text).not.toContain(SECRET);
    expect(parseManifestText(text, "imported.yaml").diagnostics).toEqual([]);
  });

  it("writes --out FILE, creating its folders and saying so, and then validate and plan agree", async () => {
    const cwd = freshDir();
    const cli = io(cwd);
    expect(await runCli(["import", "run-q4", "--out", "manifests/q4/close.yaml"], cli)).toBe(0);
    expect(cli.out()).toBe("");
    expect(cli.err()).toContain(
      "Wrote manifests/q4/close.yaml (created folder manifests/q4): 2 jobs, 0 anchors, 1 group.\n",
    );
    const text = readFileSync(path.join(cwd, "manifests/q4/close.yaml"), "utf8");
    expect(text.split("\n")[0]).toBe(
      `# yaml-language-server: $schema=${defaultSchemaRef(path.join(cwd, "manifests/q4"), projectSchemaPath(cwd))}`,
    );

    const validate = io(cwd);
    expect(await runCli(["validate"], validate), validate.err()).toBe(0);
    const planned = io(cwd);
    expect(await runCli(["plan", "--format", "json", "--detailed-exitcode"], planned), planned.err()).toBe(0);
    expect(JSON.parse(planned.out()).summary).toMatchObject({
      create: 0,
      drift: 0,
      outOfOrder: 0,
      unmanaged: 0,
    });
  });

  it("does not mention folders that already existed", async () => {
    const cwd = freshDir();
    const cli = io(cwd);
    expect(await runCli(["import", "run-q4", "--out", "close.yaml"], cli)).toBe(0);
    expect(cli.err()).toContain("Wrote close.yaml: 2 jobs, 0 anchors, 1 group.\n");
  });

  it("refuses to overwrite without --force, before calling the API", async () => {
    const cwd = freshDir();
    writeFileSync(path.join(cwd, "run.yaml"), "keep me\n");
    const requestsBefore = emulator.requests.length;
    const cli = io(cwd);
    expect(await runCli(["import", "run-q4", "--out", "run.yaml"], cli)).toBe(1);
    expect(cli.err()).toBe("Error: run.yaml exists; pass --force to overwrite\n");
    expect(readFileSync(path.join(cwd, "run.yaml"), "utf8")).toBe("keep me\n");
    expect(emulator.requests.length).toBe(requestsBefore);
  });

  it("overwrites with --force", async () => {
    const cwd = freshDir();
    writeFileSync(path.join(cwd, "run.yaml"), "old\n");
    const cli = io(cwd);
    expect(await runCli(["import", "run-q4", "--out", "run.yaml", "--force"], cli)).toBe(0);
    expect(readFileSync(path.join(cwd, "run.yaml"), "utf8")).toContain("processRun: run-q4");
  });

  it("--schema REF sets the yaml-language-server line", async () => {
    const cli = io(freshDir());
    expect(await runCli(["import", "run-q4", "--schema", "https://example.test/s.json"], cli)).toBe(0);
    expect(cli.out().split("\n")[0]).toBe("# yaml-language-server: $schema=https://example.test/s.json");
  });

  describe("--process-name", () => {
    it("targets the process by name when its current run is RUN_ID", async () => {
      const cli = io(freshDir());
      expect(await runCli(["import", "run-q4", "--process-name", "Q4 Close"], cli)).toBe(0);
      expect(cli.out()).toContain("target:\n  process: { name: Q4 Close }\n");
    });

    it("refuses a process whose current run is another", async () => {
      const cli = io(freshDir());
      expect(await runCli(["import", "run-q4", "--process-name", "Other"], cli)).toBe(1);
      expect(cli.err()).toContain('the current run of process "Other" is run-other, not run-q4');
      expect(cli.out()).toBe("");
    });

    it("refuses a name no process has, or several have", async () => {
      const none = io(freshDir());
      expect(await runCli(["import", "run-q4", "--process-name", "Q5 Close"], none)).toBe(1);
      expect(none.err()).toContain('no process is named "Q5 Close"');
      const twins = io(freshDir());
      expect(await runCli(["import", "run-twin-1", "--process-name", "Twin"], twins)).toBe(1);
      expect(twins.err()).toContain('2 processes are named "Twin"');
    });
  });

  it("an unknown run is a clear error (HTTP 404), exit 1, no stack, no file", async () => {
    const cwd = freshDir();
    const cli = io(cwd);
    expect(await runCli(["import", "run-nope", "--out", "x.yaml"], cli)).toBe(1);
    expect(cli.err()).toContain("404");
    expect(cli.err()).not.toMatch(/\n\s+at /);
    expect(cli.err()).not.toContain(SECRET);
    expect(existsSync(path.join(cwd, "x.yaml"))).toBe(false);
  });

  it("warns that a finished run cannot be planned, and still imports it", async () => {
    const cli = io(freshDir());
    expect(await runCli(["import", "run-done"], cli)).toBe(0);
    expect(cli.err()).toBe(
      "Warning: process run run-done is complete; plan refuses runs that are not running.\n",
    );
    expect(cli.out()).toContain("processRun: run-done");
  });

  it("reports a file it cannot write as a user error", async () => {
    const cwd = freshDir();
    writeFileSync(path.join(cwd, "afile"), "");
    const cli = io(cwd);
    expect(await runCli(["import", "run-q4", "--out", "afile/run.yaml"], cli)).toBe(1);
    expect(cli.err()).toBe("Error: cannot write afile/run.yaml: afile is not a folder\n");
  });

  it("needs exactly one RUN_ID", async () => {
    const missing = io(freshDir());
    expect(await runCli(["import"], missing)).toBe(1);
    expect(missing.err()).toContain("missing RUN_ID");
    const extra = io(freshDir());
    expect(await runCli(["import", "a", "b"], extra)).toBe(1);
    expect(extra.err()).toContain('unexpected argument "b"');
  });
});

describe("jobsync import is stable: the text depends on the run state only", () => {
  let clock = Date.parse("2025-11-02T08:15:00Z");
  let stable: EmulatorHandle;
  beforeAll(async () => {
    stable = await startTestEmulator({ seed, rateLimit: false, now: () => clock }, { until: "file" });
  });

  async function importOnce(): Promise<string> {
    const cli = memoryIO({
      cwd: freshDir(),
      env: { JOBSYNC_BASE_URL: stable.url, WORKIVA_CLIENT_ID: "import-test", WORKIVA_CLIENT_SECRET: SECRET },
    });
    expect(await runCli(["import", "run-q4"], cli), cli.err()).toBe(0);
    return cli.out();
  }
  const headerOf = (text: string) => text.split("\n")[1];

  it("gives byte-identical text for the same run, and new text once a job run is added", async () => {
    const first = await importOnce();
    clock += 90_000; // time passing alone changes nothing
    const second = await importOnce();
    expect(second).toBe(first);
    expect(headerOf(first)).toBe(
      '# Imported by jobsync import from process run run-q4 ("Q4 Close"), revision 1, last modified 2025-11-02T08:15:00Z.',
    );

    clock += 60_000;
    const api = apiClient(stable.url, await getToken(stable.url));
    const added = await api.post("/processRuns/run-q4/jobRuns", [
      {
        action: "sendTask",
        arguments: {
          type: "sendTask",
          sendTaskArgs: { title: "Wrap up", assignee: { id: "u1", type: "user" } },
        },
        triggerType: "whenEligible",
      },
    ]);
    expect(added.status).toBe(201);

    const third = await importOnce();
    expect(headerOf(third)).toBe(
      '# Imported by jobsync import from process run run-q4 ("Q4 Close"), revision 2, last modified 2025-11-02T08:17:30Z.',
    );
    expect(third).toContain("  - sendTask:\n      title: Wrap up\n");
    expect(await importOnce()).toBe(third);
  });
});
