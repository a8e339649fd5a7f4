import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../github/scripts/apply-merged.mjs";
import { APPLIED_LINE } from "../github/scripts/apply-result.mjs";
import { APPLY_MARKER, PLAN_MARKER, planArtifactName } from "../github/scripts/find-reviewed-plan.mjs";
import {
  BOT,
  captured,
  type FakeGitHub,
  startFakeGitHub,
  workflowEnv,
  zipOf,
} from "./helpers/fake-github.js";
import { runScript } from "./helpers/run-script.js";

let fake: FakeGitHub;
let dir: string;

beforeEach(async () => {
  fake = await startFakeGitHub();
  dir = mkdtempSync(path.join(tmpdir(), "jobsync-apply-merged-"));
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const sha = (n: number, kind: string) => `${kind}${String(n).padStart(39 - kind.length, "0")}f`.slice(0, 40);
const MERGE = (n: number) => sha(n, "a");
const HEAD = (n: number) => sha(n, "b");
const TREE = (n: number) => sha(n, "c");

interface Options {
  merged?: string;
  planned?: boolean;
  applied?: boolean;
  artifact?: { tree?: string; headSha?: string } | false;
}

/** A merged pull request with its merge commit, tree, comments and (by default) its plan artifact. */
function mergedPr(number: number, options: Options = {}) {
  const pr = {
    number,
    merged_at: options.merged ?? `2026-12-01T10:${String(number).padStart(2, "0")}:00Z`,
    merge_commit_sha: MERGE(number),
    head: { sha: HEAD(number) },
    base: { ref: "main" },
  };
  fake.pulls.push(pr);
  fake.commitPulls.set(MERGE(number), [pr]);
  fake.trees.set(MERGE(number), TREE(number));
  if (options.planned !== false) {
    fake.comments.push({
      id: number * 10,
      issue: number,
      body: `${PLAN_MARKER}\nplan`,
      user: { login: BOT },
    });
  }
  if (options.applied) {
    fake.comments.push({
      id: number * 10 + 1,
      issue: number,
      body: `${APPLY_MARKER}\n${APPLIED_LINE}`,
      user: { login: BOT },
    });
  }
  if (options.artifact !== false) {
    const tree = options.artifact?.tree ?? TREE(number);
    fake.artifacts.push({
      id: number * 100,
      name: planArtifactName(number, tree),
      expired: false,
      created_at: "2026-12-01T09:00:00Z",
      workflow_run: { id: number * 1000, head_sha: options.artifact?.headSha ?? HEAD(number) },
      zip: zipOf("plan.json", JSON.stringify({ formatVersion: 2, pr: number })),
    });
  }
  return pr;
}

interface Call {
  command: string;
  args: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  plan?: string;
}

function runner(results: Record<number, { code: number; output: string }> = {}) {
  const calls: Call[] = [];
  return {
    calls,
    run: async (
      command: string,
      args: readonly string[],
      env: Readonly<Record<string, string | undefined>>,
    ) => {
      if (command === "git") {
        calls.push({ command, args, env });
        return { code: 0, output: "" };
      }
      const plan = readFileSync(args[1] ?? "", "utf8");
      calls.push({ command, args, env, plan });
      const pr = (JSON.parse(plan) as { pr: number }).pr;
      return results[pr] ?? { code: 0, output: "Apply complete! Job runs: 2 created in 1 request.\n" };
    },
  };
}

async function applyMerge(number: number, r = runner()) {
  const io = captured();
  const summary = path.join(dir, "summary.md");
  const env = workflowEnv(fake, {
    GITHUB_SHA: MERGE(number),
    GITHUB_REF_NAME: "main",
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: dir,
    WORKIVA_CLIENT_ID: "write-client",
    WORKIVA_CLIENT_SECRET: "write-secret",
  });
  const code = await main({ env, run: r.run, ...io });
  return {
    code,
    ...io,
    calls: r.calls,
    summary: () => (existsSync(summary) ? readFileSync(summary, "utf8") : ""),
  };
}

const applyComment = (issue: number) =>
  fake.comments.find((c) => c.issue === issue && c.body.startsWith(APPLY_MARKER))?.body ?? "";
const jobsyncCalls = (calls: Call[]) => calls.filter((c) => c.command !== "git");

describe("apply on merge", () => {
  it("applies the reviewed plan of the merged pull request and posts the result", async () => {
    mergedPr(12);
    const result = await applyMerge(12);
    expect(result.code).toBe(0);
    const [call] = jobsyncCalls(result.calls);
    expect(call?.command).toBe("node_modules/.bin/jobsync");
    expect(call?.args).toEqual(["apply", path.join(dir, "jobsync-pr12", "plan.json"), "--auto-approve"]);
    expect(JSON.parse(call?.plan ?? "")).toEqual({ formatVersion: 2, pr: 12 });
    expect(call?.env.GITHUB_TOKEN).toBeUndefined();
    expect(call?.env.WORKIVA_CLIENT_ID).toBe("write-client");
    expect(call?.env.NO_COLOR).toBe("1");
    expect(result.calls.filter((c) => c.command === "git")).toEqual([]);
    const comment = applyComment(12);
    expect(comment).toContain(APPLIED_LINE);
    expect(comment).toContain("the reviewed plan of pull request #12 was applied");
    expect(comment).toContain(
      `commit [${MERGE(12).slice(0, 7)}](https://github.com/acme/manifests/commit/${MERGE(12)})`,
    );
    expect(comment).toContain("[workflow run](https://github.com/acme/manifests/actions/runs/4242)");
    expect(comment).toContain("Apply complete! Job runs: 2 created in 1 request.");
    expect(result.summary()).toContain("Apply complete!");
    expect(result.out() + result.err() + comment).not.toContain("write-secret");
  });

  it("fails closed when no plan was made from the merged tree: nothing applied, the PR told why", async () => {
    mergedPr(12, { artifact: { tree: TREE(99) } }); // planned before the base branch moved
    const result = await applyMerge(12);
    expect(result.code).toBe(1);
    expect(jobsyncCalls(result.calls)).toEqual([]);
    expect(result.calls).toEqual([]);
    expect(result.err()).toContain("no reviewed plan matches the merge of pull request #12");
    expect(result.err()).toContain(`from the merged tree ${TREE(12).slice(0, 12)}`);
    expect(result.err()).toContain("Nothing was applied");
    const comment = applyComment(12);
    expect(comment).toContain("nothing applied (no reviewed plan)");
    expect(comment).toContain("Run workflow");
    expect(comment).not.toContain(APPLIED_LINE);
    expect(result.summary()).toContain("no reviewed plan matches");
  });

  it("never takes a plan artifact made on another head commit", async () => {
    mergedPr(12, { artifact: { headSha: HEAD(13) } });
    const result = await applyMerge(12);
    expect(result.code).toBe(1);
    expect(result.calls).toEqual([]);
  });

  it("fails closed on a direct push (no merged pull request), and comments nowhere", async () => {
    fake.trees.set(MERGE(40), TREE(40));
    const result = await applyMerge(40);
    expect(result.code).toBe(1);
    expect(result.calls).toEqual([]);
    expect(result.err()).toContain("is not the merge of a pull request into main");
    expect(result.err()).toContain("Run workflow");
    expect(fake.writes()).toEqual([]);
  });

  it("applies earlier merges whose run was dropped first, oldest first, each at its merge commit", async () => {
    mergedPr(8, { planned: true }); // before the last applied one: already dealt with
    mergedPr(9, { applied: true });
    mergedPr(10);
    mergedPr(11, { planned: false, artifact: false }); // did not touch the manifests
    mergedPr(12); // its run was dropped from the queue
    mergedPr(13);
    mergedPr(14); // merged after 13: its own run applies it
    const result = await applyMerge(13);
    expect(result.code).toBe(0);
    expect(result.out()).toContain("Earlier merges without an apply, applied first: #10, #12");
    expect(
      result.calls.map((c) =>
        c.command === "git" ? `git ${c.args.join(" ")}` : `apply pr ${JSON.parse(c.plan ?? "").pr}`,
      ),
    ).toEqual([
      `git checkout --detach --quiet ${MERGE(10)}`,
      "apply pr 10",
      `git checkout --detach --quiet ${MERGE(12)}`,
      "apply pr 12",
      `git checkout --detach --quiet ${MERGE(13)}`,
      "apply pr 13",
    ]);
    for (const n of [10, 12, 13]) expect(applyComment(n)).toContain(APPLIED_LINE);
    for (const git of result.calls.filter((c) => c.command === "git")) {
      expect(Object.keys(git.env).filter((k) => /TOKEN|WORKIVA/.test(k))).toEqual([]);
    }
    for (const n of [8, 11, 14]) expect(applyComment(n)).toBe("");
  });

  it("a refused earlier plan is reported on its PR, the later ones still go on, and the run fails", async () => {
    mergedPr(10);
    mergedPr(11);
    const stale = {
      code: 1,
      output: "Error: the saved plan is stale: process run run-q4 changed since it was planned.\n",
    };
    const result = await applyMerge(11, runner({ 10: stale }));
    expect(result.code).toBe(1);
    expect(applyComment(10)).toContain("refused or failed");
    expect(applyComment(10)).toContain("the saved plan is stale");
    expect(applyComment(10)).toContain("pull request number 10");
    expect(applyComment(11)).toContain(APPLIED_LINE);
    expect(result.err()).toContain("Pull request #10: not applied: jobsync apply exited 1");
    expect(result.calls.map((c) => c.args.at(-1))).toEqual([
      MERGE(10),
      "--auto-approve",
      MERGE(11),
      "--auto-approve",
    ]);
  });

  it("a re-run after a successful apply applies nothing again", async () => {
    mergedPr(12, { applied: true });
    const result = await applyMerge(12);
    expect(result.code).toBe(0);
    expect(result.calls).toEqual([]);
    expect(result.out()).toContain("already applied");
  });

  it("as a command, fails closed without running jobsync", async () => {
    mergedPr(12, { artifact: false });
    const marker = path.join(dir, "jobsync-ran");
    const fakeBin = path.join(dir, "jobsync");
    writeFileSync(fakeBin, `#!/bin/sh\ntouch ${JSON.stringify(marker)}\n`, { mode: 0o755 });
    const script = path.resolve(import.meta.dirname, "../github/scripts/apply-merged.mjs");
    const result = await runScript(
      script,
      [],
      workflowEnv(fake, {
        GITHUB_SHA: MERGE(12),
        GITHUB_REF_NAME: "main",
        RUNNER_TEMP: dir,
        JOBSYNC_BIN: fakeBin,
      }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("no reviewed plan matches the merge of pull request #12");
    expect(existsSync(marker)).toBe(false);
  });
});
