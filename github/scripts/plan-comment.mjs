#!/usr/bin/env node
// @ts-check
/**
 * The pull request's sticky plan comment, for the plan workflow:
 *
 *   node plan-comment.mjs pending   before planning: the comment says a new plan is being made
 *   node plan-comment.mjs result    after: the markdown plan, or the error when plan failed
 *
 * Environment: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_SERVER_URL, GITHUB_RUN_ID,
 * PR_NUMBER, HEAD_SHA (the pull request's head), GITHUB_SHA (the merge ref that was checked out),
 * PLAN_OUTCOME and VALIDATE_OUTCOME (`success` or anything else), PLAN_MARKDOWN (default plan.md),
 * PLAN_ERROR (default plan-error.txt), JOBSYNC_COMMENT_AUTHOR (default github-actions[bot]).
 */
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { fence, tail } from "./escape.mjs";
import { createGitHubApi, repoFromEnv, workflowLinks } from "./github-api.mjs";
import { commentAuthor, marker, upsertStickyComment } from "./sticky-comment.mjs";

export const PLAN_MARKER = marker("jobsync-plan");

/**
 * @typedef {Readonly<Record<string, string | undefined>>} Env
 * @typedef {{ write(text: string): unknown }} Out
 */

/**
 * @param {string} path
 */
async function readIfThere(path) {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * @param {Env} env
 */
function provenance(env) {
  const links = workflowLinks(env);
  const head = env.HEAD_SHA ?? "";
  const commit = links.commit(head);
  const run = links.run();
  const shortSha = /^[0-9a-f]{7,64}$/i.test(head) ? head.slice(0, 7) : "unknown";
  const commitText = commit ? `[${shortSha}](${commit})` : `\`${shortSha}\``;
  const runText = run ? `[workflow run](${run})` : "this workflow run";
  return { commitText, runText };
}

/**
 * The comment's body for `mode` (without the marker).
 * @param {"pending" | "result"} mode
 * @param {Env} env
 */
export async function planCommentBody(mode, env) {
  const { commitText, runText } = provenance(env);
  if (mode === "pending") {
    return `### ⏳ jobsync plan: planning commit ${commitText}…\n\nThe plan for the new commit is being made in ${runText}. No earlier plan is current; this comment is replaced when it finishes.\n`;
  }
  const markdown =
    env.PLAN_OUTCOME === "success" ? await readIfThere(env.PLAN_MARKDOWN || "plan.md") : undefined;
  if (markdown !== undefined && markdown.trim() !== "") {
    return `${markdown.trimEnd()}\n\n---\n<sub>Plan of commit ${commitText} merged with its base as GitHub merges it now, made by ${runText}. On merge, this plan is applied only if the merged tree is the one planned here; otherwise nothing is applied until it is planned again.</sub>\n`;
  }
  const error = (await readIfThere(env.PLAN_ERROR || "plan-error.txt")) ?? "";
  const validateFailed = env.VALIDATE_OUTCOME !== undefined && env.VALIDATE_OUTCOME !== "success";
  const why = validateFailed
    ? "The manifests did not validate: each problem is annotated on its file and line (see the Files changed tab and the run's annotations)."
    : `\`jobsync plan\` failed${error.trim() === "" ? "; see the run's log." : ":"}`;
  const details = error.trim() === "" ? "" : `\n\n${fence(tail(error, 20_000))}`;
  return `### ❌ jobsync plan failed for commit ${commitText}\n\nThere is **no current plan** for this pull request, so nothing would be applied on merge. ${why}${details}\n\nPush a fix, or re-run ${runText}.\n`;
}

/**
 * @param {readonly string[]} argv
 * @param {{ readonly env: Env, readonly stdout: Out, readonly stderr: Out }} io
 * @returns {Promise<number>}
 */
export async function main(argv, { env, stdout, stderr }) {
  const mode = argv[0];
  if (mode !== "pending" && mode !== "result") {
    stderr.write("usage: plan-comment.mjs pending|result\n");
    return 1;
  }
  const issue = Number(env.PR_NUMBER);
  if (!Number.isInteger(issue) || issue <= 0) {
    stderr.write("PR_NUMBER must be the pull request's number (github.event.pull_request.number)\n");
    return 1;
  }
  try {
    const api = createGitHubApi(env);
    const body = await planCommentBody(mode, env);
    const done = await upsertStickyComment(api, repoFromEnv(env), {
      issue,
      mark: PLAN_MARKER,
      body,
      author: commentAuthor(env),
    });
    stdout.write(`${done.action} the plan comment on pull request #${issue} (comment ${done.id})\n`);
    return 0;
  } catch (e) {
    stderr.write(`cannot write the plan comment: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2), {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
