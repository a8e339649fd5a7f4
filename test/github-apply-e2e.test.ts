/**
 * The apply workflow's script with the real jobsync against the emulator: a plan made and
 * saved as the plan workflow does, served as the pull request's artifact by the fake GitHub API,
 * applied on merge; a second pull request planned before that apply is refused as stale.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPLIED_LINE } from "../github/scripts/apply-result.mjs";
import { APPLY_MARKER, PLAN_MARKER, planArtifactName } from "../github/scripts/find-reviewed-plan.mjs";
import { BOT, type FakeGitHub, startFakeGitHub, workflowEnv, zipOf } from "./helpers/fake-github.js";
import { runScript } from "./helpers/run-script.js";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

const BIN = path.resolve(import.meta.dirname, "../dist/cli/bin.js");
const SCRIPT = path.resolve(import.meta.dirname, "../github/scripts/apply-merged.mjs");

let emulator: TestEmulator;
let fake: FakeGitHub;
let dir: string;
let credentials: Record<string, string>;

beforeAll(async () => {
  emulator = await startTestEmulator(
    {
      rateLimit: false,
      seed: {
        processes: [
          {
            id: "proc-1",
            name: "Close",
            run: {
              id: "run-1",
              children: [
                {
                  id: "jr-1",
                  action: "sendTask",
                  args: { title: "Kickoff", assignee: { id: "u1", type: "user" } },
                },
              ],
            },
          },
        ],
      },
    },
    { until: "file" },
  );
  fake = await startFakeGitHub();
  dir = await mkdtemp(path.join(tmpdir(), "jobsync-apply-e2e-"));
  await mkdir(path.join(dir, "manifests"));
  await writeFile(path.join(dir, "jobsync.config.json"), '{ "manifests": "manifests" }\n');
  await writeFile(
    path.join(dir, "manifests", "close.yaml"),
    [
      "apiVersion: jobsync/v1",
      "kind: JobRuns",
      "target: { processRun: run-1 }",
      "jobs:",
      "  - ref: { title: Kickoff }",
      "  - sendTask: { title: Reconcile bank, assignee: u1 }",
      "  - sendTask: { title: Review accruals, assignee: u2 }",
      "",
    ].join("\n"),
  );
  await writeFile(
    path.join(dir, "jobsync"),
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`,
    {
      mode: 0o755,
    },
  );
  credentials = {
    JOBSYNC_BASE_URL: emulator.url,
    WORKIVA_CLIENT_ID: "ci",
    WORKIVA_CLIENT_SECRET: "ci-secret-value",
  };
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

const sha = (c: string, n: number) => `${c.repeat(38)}${String(n).padStart(2, "0")}`;

/** Plans as the plan workflow does and publishes the artifact and comment of pull request `n`. */
async function planPullRequest(n: number, mergedAt: string) {
  const planned = await runScript(
    BIN,
    ["plan", "--out", "plan.json", "--format", "markdown"],
    credentials,
    dir,
  );
  expect(planned.status).toBe(0);
  const pr = {
    number: n,
    merged_at: mergedAt,
    merge_commit_sha: sha("a", n),
    head: { sha: sha("b", n) },
    base: { ref: "main" },
  };
  fake.pulls.push(pr);
  fake.commitPulls.set(pr.merge_commit_sha, [pr]);
  fake.trees.set(pr.merge_commit_sha, sha("c", 1)); // the same manifests: the same tree
  fake.comments.push({
    id: n * 10,
    issue: n,
    body: `${PLAN_MARKER}\n${planned.stdout}`,
    user: { login: BOT },
  });
  fake.artifacts.push({
    id: n * 100,
    name: planArtifactName(n, sha("c", 1)),
    expired: false,
    created_at: mergedAt,
    workflow_run: { id: n * 1000, head_sha: pr.head.sha },
    zip: zipOf("plan.json", await readFile(path.join(dir, "plan.json"), "utf8")),
  });
}

function applyMerge(n: number) {
  const env = workflowEnv(fake, {
    ...credentials,
    GITHUB_SHA: sha("a", n),
    GITHUB_REF_NAME: "main",
    RUNNER_TEMP: dir,
    JOBSYNC_BIN: path.join(dir, "jobsync"),
  });
  return runScript(SCRIPT, [], env, dir);
}

const applyComment = (n: number) =>
  fake.comments.find((c) => c.issue === n && c.body.startsWith(APPLY_MARKER))?.body ?? "";

describe("apply on merge, end to end", () => {
  it("applies the reviewed plan, then refuses a second plan made before it as stale", async () => {
    await planPullRequest(1, "2026-12-01T10:00:00Z");
    await planPullRequest(2, "2026-12-01T10:05:00Z"); // planned before #1 was applied

    const first = await applyMerge(1);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(applyComment(1)).toContain(APPLIED_LINE);
    expect(applyComment(1)).toContain("Apply complete! Job runs: 2 created in 1 request.");
    const titles = JSON.stringify(emulator.snapshotRun("run-1"));
    expect(titles).toContain("Reconcile bank");
    expect(titles).toContain("Review accruals");

    const second = await applyMerge(2);
    expect(second.status).toBe(1);
    expect(applyComment(2)).toContain("refused or failed");
    expect(applyComment(2)).toMatch(/stale/i);
    expect(applyComment(2)).toContain("Run workflow");
    const posts = emulator.requests.filter((r) => r.method === "POST" && r.path.includes("/jobRuns"));
    expect(posts).toHaveLength(1);
    for (const text of [
      first.stdout,
      first.stderr,
      second.stdout,
      second.stderr,
      applyComment(1),
      applyComment(2),
    ]) {
      expect(text).not.toContain("ci-secret-value");
    }
  });
});
