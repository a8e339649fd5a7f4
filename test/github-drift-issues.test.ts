import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DRIFT_LABEL, driftMarker, main } from "../github/scripts/drift-issues.mjs";
import { captured, type FakeGitHub, startFakeGitHub, workflowEnv } from "./helpers/fake-github.js";
import { runScript } from "./helpers/run-script.js";

let fake: FakeGitHub;
let dir: string;

beforeEach(async () => {
  fake = await startFakeGitHub();
  dir = mkdtempSync(path.join(tmpdir(), "jobsync-drift-"));
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  id: string;
  name?: string;
  sync: "Synced" | "OutOfSync";
  missing?: number;
  drifted?: number;
}

function status(runs: Run[], today = "2026-12-01"): string {
  const file = path.join(dir, "status.json");
  const full = runs.map((r) => ({
    manifests: ["manifests/q4.yaml"],
    outOfOrder: 0,
    duplicated: 0,
    byStatus: {},
    overdue: [],
    missing: 0,
    drifted: 0,
    ...r,
  }));
  writeFileSync(
    file,
    JSON.stringify({ today, runs: full, outOfSync: full.filter((r) => r.sync !== "Synced").length }),
  );
  return file;
}

async function check(file: string, exitCode: string) {
  const io = captured();
  const summary = path.join(dir, "summary.md");
  const code = await main([file, exitCode], {
    env: workflowEnv(fake, {
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
    }),
    ...io,
  });
  return { code, ...io };
}

const openIssues = () => fake.issues.filter((i) => i.state === "open");

describe("drift issues", () => {
  it("opens one issue per drifted run, updates it on the next check, closes it when in sync", async () => {
    const first = await check(
      status([
        { id: "run-a", name: "Q4 Close", sync: "OutOfSync", missing: 2 },
        { id: "run-b", sync: "OutOfSync", drifted: 1 },
        { id: "run-c", sync: "Synced" },
      ]),
      "2",
    );
    expect(first.code).toBe(0);
    expect(openIssues()).toHaveLength(2);
    const a = openIssues().find((i) => i.body.startsWith(driftMarker("run-a")));
    expect(a?.title).toBe('jobsync drift: process run run-a "Q4 Close" is out of sync');
    expect(a?.labels).toEqual([DRIFT_LABEL]);
    expect(a?.body).toContain("| 2 | 0 | 0 | 0 |");
    expect(a?.body).toContain("actions/runs/4242");
    expect(first.out()).toContain("2 of 3 process runs out of sync.");

    const second = await check(
      status(
        [
          { id: "run-a", name: "Q4 Close", sync: "OutOfSync", missing: 1 },
          { id: "run-b", sync: "OutOfSync", drifted: 1 },
          { id: "run-c", sync: "Synced" },
        ],
        "2026-12-02",
      ),
      "2",
    );
    expect(second.code).toBe(0);
    expect(fake.issues).toHaveLength(2);
    expect(a?.body).toContain("| 1 | 0 | 0 | 0 |");
    expect(a?.body).toContain("2026\\-12\\-02");

    fake.requests.length = 0;
    const third = await check(
      status([
        { id: "run-a", name: "Q4 Close", sync: "Synced" },
        { id: "run-b", sync: "OutOfSync", drifted: 1 },
      ]),
      "2",
    );
    expect(third.code).toBe(0);
    expect(a?.state).toBe("closed");
    expect(a?.state_reason).toBe("completed");
    expect(openIssues().map((i) => i.body.split("\n")[0])).toEqual([driftMarker("run-b")]);
    const closing = fake.comments.find((c) => c.issue === a?.number);
    expect(closing?.body).toContain("in sync with the manifests again");
    expect(fake.writes().map((r) => `${r.method} ${r.path.replace(/\d{4,}/g, "N")}`)).toEqual([
      "POST /repos/acme/manifests/issues/N/comments",
      "PATCH /repos/acme/manifests/issues/N",
      "PATCH /repos/acme/manifests/issues/N",
    ]);
  });

  it("leaves issues alone and fails when status failed", async () => {
    await check(status([{ id: "run-a", sync: "OutOfSync", missing: 1 }]), "2");
    fake.requests.length = 0;
    const failed = await check(path.join(dir, "missing.json"), "1");
    expect(failed.code).toBe(1);
    expect(failed.err()).toContain("jobsync status failed");
    expect(fake.requests).toEqual([]);
    expect(openIssues()).toHaveLength(1);
  });

  it("escapes names and ids from the API, and keeps the marker unbreakable", async () => {
    await check(
      status([{ id: "run-->x", name: "@cfo <script>alert(1)</script>", sync: "OutOfSync", missing: 1 }]),
      "2",
    );
    const issue = openIssues()[0];
    expect(issue?.body.split("\n")[0]).toBe("<!-- jobsync-drift run=run--%3Ex -->");
    expect(issue?.body).not.toContain("<script>");
    expect(issue?.body).toContain("@&#8203;cfo");
  });

  it("ignores issues by people and pull requests that quote the marker", async () => {
    fake.issues.push({
      number: 5,
      title: "copy",
      body: `${driftMarker("run-a")}\nby hand`,
      state: "open",
      labels: [],
      user: { login: "dev" },
    });
    await check(status([{ id: "run-a", sync: "Synced" }]), "0");
    expect(fake.issues.find((i) => i.number === 5)?.state).toBe("open");
    expect(fake.writes()).toEqual([]);
  });

  it("refuses output that is not a status report", async () => {
    const file = path.join(dir, "status.json");
    writeFileSync(file, '{"formatVersion":2}');
    const bad = await check(file, "2");
    expect(bad.code).toBe(1);
    expect(bad.err()).toContain("not the output of `jobsync status --format json`");
  });

  it("runs as a command", async () => {
    const script = path.resolve(import.meta.dirname, "../github/scripts/drift-issues.mjs");
    const result = await runScript(
      script,
      [status([{ id: "run-a", sync: "OutOfSync", missing: 3 }]), "2"],
      workflowEnv(fake),
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/opened issue #\d+ for process run run-a/);
    const usage = await runScript(script, ["status.json"], workflowEnv(fake));
    expect(usage.status).toBe(1);
    expect(usage.stderr).toContain("usage");
  });
});
