/**
 * `jobsync apply` end to end: the CLI in-process (runCli + memoryIO) against the emulator over real
 * HTTP on port 0, with the manifests and config in test/fixtures/apply. Faults that make the client
 * back off are covered with a virtual clock in apply-applier.test.ts; here only faults that need no
 * waiting (or a Retry-After of 0).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseProcessRun } from "../src/api/parse-run.js";
import { runCli } from "../src/cli/main.js";
import type { EmulatorHandle, EmulatorOptions, RecordedRequest } from "../src/emulator/emulator-types.js";
import { CONVERGED, SEED } from "./fixtures/apply/scenario.js";
import { emulatorClient } from "./helpers/emulator-client.js";
import { memoryIO } from "./helpers/memory-io.js";
import { outline } from "./helpers/outline.js";
import { startTestEmulator } from "./helpers/test-emulator.js";
import { lastLine } from "./helpers/text.js";

const FIXTURE = resolve(import.meta.dirname, "fixtures/apply");
const COMPLETE = "Apply complete! Job runs: 8 created in 5 requests.";
const RERUN_SAFE =
  "Re-running `jobsync apply` is safe: it re-plans from the live runs and creates only what is still missing.";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function emulator(options: Partial<EmulatorOptions> = {}): Promise<EmulatorHandle> {
  const handle = await startTestEmulator({ seed: SEED, ...options });
  return handle;
}

function io(handle: EmulatorHandle, extra: Parameters<typeof memoryIO>[0] = {}) {
  return memoryIO({
    cwd: FIXTURE,
    env: { JOBSYNC_BASE_URL: handle.url, WORKIVA_CLIENT_ID: "x", WORKIVA_CLIENT_SECRET: "y", NO_COLOR: "1" },
    ...extra,
  });
}

const isPost = (r: RecordedRequest) => r.method === "POST" && r.path.endsWith("/jobRuns");
const posts = (handle: EmulatorHandle) => handle.requests.filter(isPost).length;

function expectConverged(handle: EmulatorHandle) {
  for (const [runId, expected] of Object.entries(CONVERGED)) {
    expect(outline(parseProcessRun(handle.snapshotRun(runId)))).toEqual(expected);
  }
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "jobsync-apply-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe("jobsync apply (plans first)", () => {
  it("plans, applies with --auto-approve, and a re-run makes zero POSTs", async () => {
    const handle = await emulator();
    const first = io(handle);
    expect(await runCli(["apply", "--auto-approve"], first)).toBe(0);
    const out = first.out();
    expect(out).toContain("Plan: 8 job runs to create in 5 requests across 3 process runs.");
    expect(out).toMatch(/run-a \(1\/3\): Creating 2 job runs after job run "Kickoff"\.\.\./);
    expect(out).toMatch(/run-b \(1\/1\): Created 3 job runs after \d+\.\ds \[[^\]]+\]/);
    expect(lastLine(out)).toBe(COMPLETE);
    expect(posts(handle)).toBe(5);
    expectConverged(handle);

    const second = io(handle);
    expect(await runCli(["apply", "--auto-approve"], second)).toBe(0);
    expect(second.out()).toContain("No changes. Job runs match the manifests.");
    expect(lastLine(second.out())).toBe("Apply complete! Job runs: 0 created in 0 requests.");
    expect(posts(handle)).toBe(5);
  });

  it("refuses on a non-interactive terminal without --auto-approve, sending nothing", async () => {
    const handle = await emulator();
    const cli = io(handle);
    expect(await runCli(["apply"], cli)).toBe(1);
    expect(cli.err()).toContain("refusing to apply without confirmation on a non-interactive terminal");
    expect(cli.err()).toContain("--auto-approve");
    expect(handle.requests).toHaveLength(0);
  });

  it("asks on a terminal and applies only after 'yes'", async () => {
    const handle = await emulator();
    const questions: string[] = [];
    const no = io(handle, {
      tty: true,
      prompt: async (q) => {
        questions.push(q);
        return "no";
      },
    });
    expect(await runCli(["apply"], no)).toBe(1);
    expect(questions[0]).toContain("Do you want to perform these actions? Only 'yes' will be accepted: ");
    expect(no.out()).toContain("Apply cancelled.");
    expect(posts(handle)).toBe(0);

    const yes = io(handle, { tty: true, answers: ["yes"] });
    expect(await runCli(["apply"], yes)).toBe(0);
    expect(lastLine(yes.out())).toBe(COMPLETE);
    expect(yes.out()).toContain("Applying: "); // the live progress line
    expectConverged(handle);
  });

  it("streams JSON lines with --format json", async () => {
    const handle = await emulator();
    const cli = io(handle);
    expect(await runCli(["apply", "--auto-approve", "--format", "json"], cli)).toBe(0);
    const lines = cli
      .out()
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string });
    expect(lines[0]?.type).toBe("plan");
    expect(lines.filter((l) => l.type === "insertion-done")).toHaveLength(5);
    expect(lines.at(-1)).toMatchObject({
      type: "summary",
      ok: true,
      message: COMPLETE,
      createdCount: 8,
      requests: 5,
    });
  });

  it("needs --auto-approve (or a saved plan) for --format json", async () => {
    const handle = await emulator();
    const cli = io(handle, { tty: true });
    expect(await runCli(["apply", "--format", "json"], cli)).toBe(1);
    expect(handle.requests).toHaveLength(0);
  });
});

describe("jobsync apply PLANFILE", () => {
  it("applies exactly the saved plan without asking", async () => {
    const handle = await emulator();
    const file = join(await tempDir(), "plan.json");
    expect(await runCli(["plan", "--out", file], io(handle))).toBe(0);
    const cli = io(handle, { prompt: async () => expect.fail("must not ask") });
    expect(await runCli(["apply", file], cli)).toBe(0);
    expect(cli.out()).toContain(`Applying the saved plan ${file}: 8 job runs to create in 5 requests`);
    expect(lastLine(cli.out())).toBe(COMPLETE);
    expect(posts(handle)).toBe(5);
    expectConverged(handle);
  });

  it("refuses a stale plan and sends nothing", async () => {
    const handle = await emulator();
    const file = join(await tempDir(), "plan.json");
    expect(await runCli(["plan", "--out", file], io(handle))).toBe(0);
    expect(JSON.parse(await readFile(file, "utf8"))).toHaveProperty("processRuns");
    // Someone changes run-c between plan and apply.
    const other = emulatorClient(handle.url, {
      timeoutMs: 5000,
      credentials: { type: "clientCredentials", clientId: "x", clientSecret: "y" },
      rateLimit: { requests: 100, perSeconds: 1 },
    });
    await other.createJobRuns("run-c", { parentGroupId: null, relativeSiblingId: null, before: null }, [
      {
        action: "sendTask",
        arguments: {
          type: "sendTask",
          sendTaskArgs: { title: "Manual", assignee: { id: "u9", type: "user" } },
        },
        triggerType: "whenEligible",
      },
    ]);
    await other.close();
    const cli = io(handle);
    expect(await runCli(["apply", file], cli)).toBe(1);
    expect(cli.err()).toContain("stale");
    expect(cli.err()).toContain("run-c");
    expect(cli.err()).toContain("jobsync plan");
    expect(posts(handle)).toBe(1);
  });

  it("rejects --target with a saved plan", async () => {
    const handle = await emulator();
    const cli = io(handle);
    expect(await runCli(["apply", "plan.json", "--target", "run-a"], cli)).toBe(1);
    expect(handle.requests).toHaveLength(0);
  });
});

describe("jobsync apply with faults", () => {
  it("adopts job runs committed before a 500 and before a connection reset (no duplicates)", async () => {
    const handle = await emulator();
    handle.injectFault({
      method: "POST",
      path: "/processRuns/run-a/jobRuns",
      nth: 2,
      kind: { type: "status-after", status: 500 },
    });
    handle.injectFault({ method: "POST", path: "/processRuns/run-b/jobRuns", kind: { type: "reset-after" } });
    const cli = io(handle);
    expect(await runCli(["apply", "--auto-approve"], cli)).toBe(0);
    expect(cli.out()).toContain("found in place after an ambiguous failure");
    expect(lastLine(cli.out())).toBe(COMPLETE);
    expect(posts(handle)).toBe(5);
    expectConverged(handle);
  });

  it("recovers from a 429 with Retry-After", async () => {
    const handle = await emulator();
    handle.injectFault({
      method: "POST",
      path: "/jobRuns",
      kind: { type: "status-before", status: 429, retryAfter: 0 },
    });
    const cli = io(handle);
    expect(await runCli(["apply", "--auto-approve"], cli)).toBe(0);
    expect(lastLine(cli.out())).toBe(COMPLETE);
    expect(handle.requests.filter((r) => r.status === 429)).toHaveLength(1);
    expectConverged(handle);
  });

  it("re-authenticates when tokens expire mid-apply", async () => {
    let expired = false;
    const handle: EmulatorHandle = await emulator({
      onRequest: (r) => {
        if (!expired && isPost(r)) {
          expired = true;
          handle.expireTokens();
        }
      },
    });
    const cli = io(handle);
    expect(await runCli(["apply", "--auto-approve"], cli)).toBe(0);
    expect(handle.requests.some((r) => r.status === 401)).toBe(true);
    expect(lastLine(cli.out())).toBe(COMPLETE);
    expectConverged(handle);
  });

  it("reports a 400 on one run while the others complete, and a re-run converges", async () => {
    const handle = await emulator();
    handle.injectFault({
      method: "POST",
      path: "/processRuns/run-b/jobRuns",
      kind: { type: "status-before", status: 400 },
    });
    const cli = io(handle);
    expect(await runCli(["apply", "--auto-approve"], cli)).toBe(1);
    const out = cli.out();
    expect(out).toContain("Apply failed: 1 insertion of 5 failed.");
    expect(out).toMatch(/run-b insertion 1\/1 \("B1", "B2", "B3"\): .*HTTP 400/);
    expect(out).toMatch(/run-a: 4 job runs \[/);
    expect(out).toMatch(/run-c: 1 job run \[/);
    expect(out).toContain("Job runs: 5 of 8 created in 5 requests.");
    expect(lastLine(out)).toBe(RERUN_SAFE);

    const again = io(handle);
    expect(await runCli(["apply", "--auto-approve"], again)).toBe(0);
    expect(lastLine(again.out())).toBe("Apply complete! Job runs: 3 created in 1 request.");
    expectConverged(handle);
  });

  it("on Ctrl-C while planning, cancels before any change", async () => {
    const controller = new AbortController();
    const handle = await emulator({
      onRequest: (r) => {
        if (r.method === "GET") controller.abort();
      },
    });
    const cli = io(handle, { signal: controller.signal });
    expect(await runCli(["apply", "--auto-approve"], cli)).toBe(1);
    expect(cli.out()).toContain("Apply cancelled: interrupted before any change was made.");
    expect(posts(handle)).toBe(0);
  });

  it("on Ctrl-C finishes what is in flight, starts nothing new, prints the summary and exits 1", async () => {
    const controller = new AbortController();
    const handle = await emulator({
      onRequest: (r) => {
        if (isPost(r)) controller.abort();
      },
    });
    const cli = io(handle, { signal: controller.signal });
    expect(await runCli(["apply", "--auto-approve"], cli)).toBe(1);
    const out = cli.out();
    expect(out).toContain("Interrupted: starting no new insertions");
    expect(out).toContain("Apply interrupted");
    expect(lastLine(out)).toBe(RERUN_SAFE);
    const sent = posts(handle);
    expect(sent).toBeLessThan(5);

    // A new apply converges with no duplicates.
    expect(await runCli(["apply", "--auto-approve"], io(handle))).toBe(0);
    expectConverged(handle);
  });
});
