#!/usr/bin/env node
// @ts-check
/**
 * The apply job on a push to the branch: applies the reviewed plan of the pull request merged
 * as GITHUB_SHA, after the plans of any earlier merges that never got an apply (their run was
 * dropped from the queue), oldest first, each from its own merge commit. A merge without a
 * matching reviewed plan is not applied (fail closed): its pull request and the job summary say
 * why and how to re-plan. Every result is posted to its pull request and the job summary.
 *
 * Environment: GITHUB_TOKEN (actions: read, contents: read, pull-requests: write), GITHUB_SHA,
 * GITHUB_REF_NAME, GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_SERVER_URL, GITHUB_RUN_ID,
 * GITHUB_STEP_SUMMARY, RUNNER_TEMP, the Workiva credentials for jobsync, and optionally
 * JOBSYNC_BIN (default node_modules/.bin/jobsync) and JOBSYNC_COMMENT_AUTHOR.
 * Exit 0 when every plan was applied, 1 otherwise.
 */
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  APPLIED_LINE,
  addToSummary,
  applyPlanFile,
  gitEnv,
  outcomeBody,
  replanHint,
  spawnRunner,
} from "./apply-result.mjs";
import {
  APPLY_MARKER,
  downloadPlan,
  earlierUnappliedPullRequests,
  findReviewedPlan,
  mergedPullRequestFor,
} from "./find-reviewed-plan.mjs";
import { createGitHubApi, repoFromEnv } from "./github-api.mjs";
import { commentAuthor, findStickyComments, upsertStickyComment } from "./sticky-comment.mjs";

/**
 * @typedef {import("./github-api.mjs").GitHubApi} GitHubApi
 * @typedef {import("./find-reviewed-plan.mjs").PullRequest} PullRequest
 * @typedef {import("./apply-result.mjs").Runner} Runner
 * @typedef {import("./apply-result.mjs").ApplyOutcome} ApplyOutcome
 * @typedef {Readonly<Record<string, string | undefined>>} Env
 * @typedef {{ write(text: string): unknown }} Out
 * @typedef {{ readonly env: Env, readonly run: Runner, readonly stdout: Out, readonly stderr: Out, readonly api?: GitHubApi }} Io
 */

/**
 * @param {unknown} e
 */
function message(e) {
  return e instanceof Error ? e.message : String(e);
}

/**
 * @param {Io} io
 * @returns {Promise<number>}
 */
export async function main(io) {
  const { env, run, stdout, stderr } = io;
  const sha = env.GITHUB_SHA ?? "";
  if (!/^[0-9a-f]{40,64}$/i.test(sha)) {
    stderr.write("GITHUB_SHA must be the pushed commit\n");
    return 1;
  }
  try {
    const api = io.api ?? createGitHubApi(env);
    const repo = repoFromEnv(env);
    const author = commentAuthor(env);
    const branch = env.GITHUB_REF_NAME || undefined;
    const target = await mergedPullRequestFor(api, repo, sha, branch);
    if (!target) {
      const text =
        `Nothing was applied: commit ${sha.slice(0, 12)} is not the merge of a pull request into ${branch ?? "the branch"}, ` +
        `so there is no reviewed plan for it (a direct push, or a merge the API does not link to a pull request). ${replanHint(undefined)}`;
      stderr.write(`${text}\n`);
      await addToSummary(env, `### ⛔ jobsync apply: nothing applied\n\n${text}`);
      return 1;
    }
    const earlier = await earlierUnappliedPullRequests(api, repo, target, author);
    if (earlier.length > 0) {
      stdout.write(
        `Earlier merges without an apply, applied first: ${earlier.map((p) => `#${p.number}`).join(", ")}\n`,
      );
    }
    const dir = env.RUNNER_TEMP || tmpdir();
    let checkedOut = sha;
    let failures = 0;
    for (const pr of [...earlier, target]) {
      if (pr === target && (await alreadyApplied(api, repo, pr, author))) {
        stdout.write(
          `Pull request #${pr.number}: its plan was already applied by an earlier run; nothing to do.\n`,
        );
        continue;
      }
      /** @type {ApplyOutcome} */
      let outcome;
      try {
        const lookup = await findReviewedPlan(api, repo, pr);
        if (!lookup.ok) {
          outcome = { kind: "no-plan", reason: lookup.reason };
        } else {
          const file = await downloadPlan(
            api,
            repo,
            lookup.artifact,
            path.join(dir, `jobsync-pr${pr.number}`),
          );
          const merge = pr.merge_commit_sha ?? sha;
          if (merge !== checkedOut) {
            const git = await run("git", ["checkout", "--detach", "--quiet", merge], gitEnv(env));
            if (git.code !== 0)
              throw new Error(`cannot check out merge commit ${merge}: ${git.output.trim()}`);
            checkedOut = merge;
          }
          stdout.write(
            `Pull request #${pr.number}: applying its reviewed plan (artifact ${lookup.artifact.id}).\n`,
          );
          outcome = await applyPlanFile(run, env, file);
        }
      } catch (e) {
        outcome = { kind: "failed", reason: message(e) };
      }
      if (outcome.kind !== "applied") {
        failures++;
        stderr.write(`Pull request #${pr.number}: not applied: ${outcome.reason ?? "see above"}\n`);
      }
      const body = outcomeBody(outcome, {
        env,
        sha: pr.merge_commit_sha ?? sha,
        pr: pr.number,
        what: `the reviewed plan of pull request #${pr.number}`,
      });
      await upsertStickyComment(api, repo, { issue: pr.number, mark: APPLY_MARKER, body, author });
      await addToSummary(env, `### Pull request #${pr.number}\n\n${body}`);
    }
    if (checkedOut !== sha) await run("git", ["checkout", "--detach", "--quiet", sha], gitEnv(env));
    return failures === 0 ? 0 : 1;
  } catch (e) {
    stderr.write(`jobsync apply workflow failed: ${message(e)}\n`);
    return 1;
  }
}

/**
 * @param {GitHubApi} api
 * @param {import("./github-api.mjs").Repo} repo
 * @param {PullRequest} pr
 * @param {string} author
 */
async function alreadyApplied(api, repo, pr, author) {
  const comments = await findStickyComments(api, repo, pr.number, APPLY_MARKER, author);
  return comments.some((c) => (c.body ?? "").includes(APPLIED_LINE));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main({
    env: process.env,
    run: spawnRunner(process.stdout),
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
