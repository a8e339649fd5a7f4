#!/usr/bin/env node
// @ts-check
/**
 * The manual (workflow_dispatch) path: applies the plan made and shown earlier in the same
 * run (`jobsync apply plan.json` still refuses it if anything changed since), writes the result
 * to the job summary and, when PR_NUMBER is given, to that pull request's apply comment.
 *
 *   node apply-replanned.mjs plan.json
 *
 * Environment: as apply-merged.mjs; GITHUB_TOKEN is needed only with PR_NUMBER.
 */
import { pathToFileURL } from "node:url";
import { addToSummary, applyPlanFile, outcomeBody, spawnRunner } from "./apply-result.mjs";
import { APPLY_MARKER } from "./find-reviewed-plan.mjs";
import { createGitHubApi, repoFromEnv } from "./github-api.mjs";
import { commentAuthor, upsertStickyComment } from "./sticky-comment.mjs";

/**
 * @typedef {import("./apply-result.mjs").Runner} Runner
 * @typedef {Readonly<Record<string, string | undefined>>} Env
 * @typedef {{ write(text: string): unknown }} Out
 */

/**
 * @param {readonly string[]} argv
 * @param {{ readonly env: Env, readonly run: Runner, readonly stdout: Out, readonly stderr: Out }} io
 * @returns {Promise<number>}
 */
export async function main(argv, { env, run, stdout, stderr }) {
  const [planFile] = argv;
  if (!planFile) {
    stderr.write("usage: apply-replanned.mjs PLANFILE\n");
    return 1;
  }
  const pr = env.PR_NUMBER ? Number(env.PR_NUMBER) : undefined;
  if (pr !== undefined && (!Number.isInteger(pr) || pr <= 0)) {
    stderr.write("PR_NUMBER must be a pull request number, or empty\n");
    return 1;
  }
  const outcome = await applyPlanFile(run, env, planFile);
  const body = outcomeBody(outcome, {
    env,
    sha: env.GITHUB_SHA ?? "",
    ...(pr !== undefined ? { pr } : {}),
    what: "the plan made and shown earlier in this run",
  });
  await addToSummary(env, body);
  if (pr !== undefined) {
    try {
      const api = createGitHubApi(env);
      await upsertStickyComment(api, repoFromEnv(env), {
        issue: pr,
        mark: APPLY_MARKER,
        body,
        author: commentAuthor(env),
      });
      stdout.write(`Posted the result to pull request #${pr}.\n`);
    } catch (e) {
      stderr.write(
        `cannot post the result to pull request #${pr}: ${e instanceof Error ? e.message : String(e)}\n`,
      );
      return 1;
    }
  }
  return outcome.kind === "applied" ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2), {
    env: process.env,
    run: spawnRunner(process.stdout),
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
