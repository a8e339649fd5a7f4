// @ts-check
/**
 * Running `jobsync apply PLANFILE` for a workflow and telling the result: the pull request's
 * sticky apply comment and the job summary say what was applied or refused, at which commit,
 * by which run, and how to re-plan. The command runs without `GITHUB_TOKEN` in its environment.
 */
import { spawn } from "node:child_process";
import { appendFile } from "node:fs/promises";
import { escapeText, fence, tail } from "./escape.mjs";
import { workflowLinks } from "./github-api.mjs";

/**
 * @typedef {Readonly<Record<string, string | undefined>>} Env
 * @typedef {{ write(text: string): unknown }} Out
 * @typedef {{ readonly code: number, readonly output: string }} RunResult
 * @typedef {(command: string, args: readonly string[], env: Env) => Promise<RunResult>} Runner
 * @typedef {{ readonly kind: "applied" | "failed" | "no-plan", readonly reason?: string, readonly output?: string }} ApplyOutcome
 */

/** The line an apply comment carries when its plan was applied (a re-run does not apply again). */
export const APPLIED_LINE = "<!-- jobsync-apply-result: applied -->";

/**
 * A runner that spawns the command, shows its output in the log as it comes and keeps it.
 * @param {Out} log
 * @returns {Runner}
 */
export function spawnRunner(log) {
  return (command, args, env) =>
    new Promise((resolve) => {
      /** @type {string[]} */
      const chunks = [];
      const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
      /** @param {Buffer} chunk */
      const keep = (chunk) => {
        const text = chunk.toString("utf8");
        chunks.push(text);
        log.write(text);
      };
      child.stdout.on("data", keep);
      child.stderr.on("data", keep);
      child.on("error", (e) => resolve({ code: 127, output: `cannot run ${command}: ${e.message}` }));
      child.on("close", (status) => resolve({ code: status ?? 1, output: chunks.join("") }));
    });
}

/**
 * The environment jobsync runs with: the step's, less the GitHub token, without colour.
 * @param {Env} env
 * @returns {Record<string, string | undefined>}
 */
export function jobsyncEnv(env) {
  const { GITHUB_TOKEN: _token, ...rest } = env;
  return { ...rest, NO_COLOR: "1" };
}

/**
 * The environment git runs with: no GitHub token, no Workiva credentials.
 * @param {Env} env
 * @returns {Record<string, string | undefined>}
 */
export function gitEnv(env) {
  const {
    GITHUB_TOKEN: _t,
    WORKIVA_CLIENT_ID: _i,
    WORKIVA_CLIENT_SECRET: _s,
    JOBSYNC_TOKEN: _j,
    ...rest
  } = env;
  return rest;
}

/**
 * `jobsync apply PLANFILE --auto-approve` (the saved plan is re-planned and refused if anything differs).
 * @param {Runner} run
 * @param {Env} env
 * @param {string} planFile
 * @returns {Promise<ApplyOutcome>}
 */
export async function applyPlanFile(run, env, planFile) {
  const bin = env.JOBSYNC_BIN || "node_modules/.bin/jobsync";
  const result = await run(bin, ["apply", planFile, "--auto-approve"], jobsyncEnv(env));
  return result.code === 0
    ? { kind: "applied", output: result.output }
    : { kind: "failed", reason: `jobsync apply exited ${result.code}`, output: result.output };
}

/**
 * How to re-plan and apply when a merge got no apply.
 * @param {number | undefined} pr
 */
export function replanHint(pr) {
  const input = pr === undefined ? "" : ` and pull request number ${pr}`;
  return (
    `To re-plan and apply, run the **jobsync apply** workflow by hand (Actions → jobsync apply → Run workflow, on the branch${input}): ` +
    "it plans from the branch head, shows that plan in the run's summary, and applies exactly that plan once the reviewers of the `jobsync-apply-manual` environment approve. " +
    "Or open a pull request that changes the manifests; its plan is applied on merge."
  );
}

/**
 * The apply comment or summary section for one outcome.
 * @param {ApplyOutcome} outcome
 * @param {{ readonly env: Env, readonly sha: string, readonly pr?: number, readonly what: string }} context
 */
export function outcomeBody(outcome, { env, sha, pr, what }) {
  const links = workflowLinks(env);
  const commit = links.commit(sha);
  const run = links.run();
  const where = `${commit ? `commit [${sha.slice(0, 7)}](${commit})` : "this commit"}, ${run ? `[workflow run](${run})` : "this workflow run"}`;
  const output =
    outcome.output && outcome.output.trim() !== "" ? `\n\n${fence(tail(outcome.output, 30_000))}` : "";
  if (outcome.kind === "applied") {
    return `${APPLIED_LINE}\n### ✅ jobsync apply: ${what} was applied\n\n${where}.${output}\n`;
  }
  const title = outcome.kind === "no-plan" ? "nothing applied (no reviewed plan)" : "refused or failed";
  const reason = outcome.reason ? `\n\n${escapeText(outcome.reason)}` : "";
  return `### ⛔ jobsync apply: ${title}\n\n${where}.${reason}${output}\n\n${replanHint(pr)}\n`;
}

/**
 * Appends to the job summary when there is one.
 * @param {Env} env
 * @param {string} text
 */
export async function addToSummary(env, text) {
  if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, `${text}\n`);
}
