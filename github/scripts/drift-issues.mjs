#!/usr/bin/env node
// @ts-check
/**
 * The scheduled drift check's issues, from `jobsync status --format json` output:
 * one open issue per process run out of sync (identified by a hidden marker with the run id),
 * created the first time, updated on later checks, closed with a comment once the run is in sync.
 *
 *   node drift-issues.mjs status.json EXIT_CODE
 *
 * EXIT_CODE is `jobsync status --detailed-exitcode`'s: 0 in sync, 2 drift, 1 error (issues are
 * left alone, this script exits 1). Environment: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL,
 * GITHUB_SERVER_URL, GITHUB_RUN_ID, GITHUB_SHA, GITHUB_STEP_SUMMARY, JOBSYNC_COMMENT_AUTHOR.
 */
import { appendFile, readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { code, escapeText, showControls } from "./escape.mjs";
import { createGitHubApi, repoFromEnv, repoPath, workflowLinks } from "./github-api.mjs";
import { commentAuthor } from "./sticky-comment.mjs";

/**
 * @typedef {import("./github-api.mjs").GitHubApi} GitHubApi
 * @typedef {import("./github-api.mjs").Repo} Repo
 * @typedef {Readonly<Record<string, string | undefined>>} Env
 * @typedef {{ write(text: string): unknown }} Out
 * @typedef {{
 *   readonly id: string, readonly name?: string, readonly sync: string, readonly manifests?: readonly string[],
 *   readonly missing: number, readonly drifted: number, readonly outOfOrder: number, readonly duplicated: number,
 *   readonly overdue?: readonly { readonly title: string, readonly dueDate: string }[],
 * }} RunStatus
 * @typedef {{ readonly today: string, readonly runs: readonly RunStatus[] }} StatusReport
 * @typedef {{ readonly number: number, readonly body?: string | null, readonly pull_request?: unknown, readonly user?: { readonly login?: string } | null }} Issue
 * @typedef {{ readonly run: string, readonly action: "opened" | "updated" | "closed", readonly issue: number }} DriftAction
 */

export const DRIFT_LABEL = "jobsync-drift";
const MARKER_PREFIX = "<!-- jobsync-drift run=";

/**
 * The hidden marker naming one process run (the id URI-encoded, so it cannot end the comment).
 * @param {string} runId
 */
export function driftMarker(runId) {
  return `${MARKER_PREFIX}${encodeURIComponent(runId)} -->`;
}

/**
 * The report, checked enough to act on it.
 * @param {string} text
 * @returns {StatusReport}
 */
export function parseStatusReport(text) {
  const data = JSON.parse(text);
  if (!data || typeof data !== "object" || !Array.isArray(data.runs)) {
    throw new Error("not the output of `jobsync status --format json` (no runs)");
  }
  for (const run of data.runs) {
    if (!run || typeof run.id !== "string" || (run.sync !== "Synced" && run.sync !== "OutOfSync")) {
      throw new Error("not the output of `jobsync status --format json` (a run without id or sync)");
    }
  }
  return /** @type {StatusReport} */ (data);
}

/**
 * @param {RunStatus} run
 */
function issueTitle(run) {
  const name = run.name ? ` "${showControls(run.name).slice(0, 120)}"` : "";
  return `jobsync drift: process run ${showControls(run.id).slice(0, 100)}${name} is out of sync`;
}

/**
 * @param {RunStatus} run
 * @param {string} today
 * @param {Env} env
 */
export function issueBody(run, today, env) {
  const links = workflowLinks(env);
  const runLink = links.run();
  const commit = links.commit(env.GITHUB_SHA);
  const where = `${runLink ? `[workflow run](${runLink})` : "the drift check"}${commit ? ` at commit [${(env.GITHUB_SHA ?? "").slice(0, 7)}](${commit})` : ""}`;
  const manifests = (run.manifests ?? []).map((m) => escapeText(m, 300)).join(", ");
  const overdue = (run.overdue ?? [])
    .slice(0, 50)
    .map((o) => `- ${escapeText(o.title, 200)} (due ${escapeText(o.dueDate, 20)})`);
  return [
    driftMarker(run.id),
    `### Process run ${code(run.id)}${run.name ? ` ${escapeText(run.name, 200)}` : ""} is out of sync with the manifests`,
    "",
    "| Missing | Drifted | Out of order | Duplicated |",
    "|--:|--:|--:|--:|",
    `| ${Number(run.missing)} | ${Number(run.drifted)} | ${Number(run.outOfOrder)} | ${Number(run.duplicated)} |`,
    "",
    ...(manifests ? [`Manifests: ${manifests}`, ""] : []),
    ...(overdue.length > 0 ? ["Overdue job runs:", "", ...overdue, ""] : []),
    `Last checked on ${escapeText(today, 20)} by ${where}. Run \`jobsync plan\` to see the differences. Missing job runs are created by merging a pull request (or the apply workflow's manual run); drift, order and duplicates jobsync only reports. This issue is updated by each check and closed when the run is in sync again.`,
    "",
  ].join("\n");
}

/**
 * The bot's open drift issues by marker (several for one run only after a race).
 * @param {GitHubApi} api
 * @param {Repo} repo
 * @param {string} author
 */
async function openDriftIssues(api, repo, author) {
  const issues = /** @type {Issue[]} */ (
    await api.list(repoPath(repo, `/issues?state=open&creator=${encodeURIComponent(author)}&per_page=100`))
  );
  /** @type {Map<string, Issue[]>} */
  const byMarker = new Map();
  for (const issue of issues) {
    const body = issue.body ?? "";
    if (issue.pull_request || issue.user?.login !== author || !body.startsWith(MARKER_PREFIX)) continue;
    const mark = body.slice(0, body.indexOf("-->") + 3);
    byMarker.set(mark, [...(byMarker.get(mark) ?? []), issue]);
  }
  return byMarker;
}

/**
 * Opens, updates and closes drift issues to match the report.
 * @param {GitHubApi} api
 * @param {Repo} repo
 * @param {StatusReport} report
 * @param {Env} env
 * @returns {Promise<DriftAction[]>}
 */
export async function syncDriftIssues(api, repo, report, env) {
  const author = commentAuthor(env);
  const open = await openDriftIssues(api, repo, author);
  /** @type {DriftAction[]} */
  const actions = [];
  for (const run of report.runs) {
    const existing = open.get(driftMarker(run.id)) ?? [];
    if (run.sync === "OutOfSync") {
      const body = issueBody(run, report.today, env);
      const [first] = existing;
      if (first) {
        await api.send(repoPath(repo, `/issues/${first.number}`), {
          method: "PATCH",
          body: { title: issueTitle(run), body },
        });
        actions.push({ run: run.id, action: "updated", issue: first.number });
      } else {
        const created = /** @type {Issue} */ (
          await api.send(repoPath(repo, "/issues"), {
            method: "POST",
            body: { title: issueTitle(run), body, labels: [DRIFT_LABEL] },
          })
        );
        actions.push({ run: run.id, action: "opened", issue: created.number });
      }
      continue;
    }
    for (const issue of existing) {
      const runLink = workflowLinks(env).run();
      const comment = `Process run ${code(run.id)} is in sync with the manifests again (checked on ${escapeText(report.today, 20)}${runLink ? ` by [workflow run](${runLink})` : ""}). Closing.`;
      await api.send(repoPath(repo, `/issues/${issue.number}/comments`), {
        method: "POST",
        body: { body: comment },
      });
      await api.send(repoPath(repo, `/issues/${issue.number}`), {
        method: "PATCH",
        body: { state: "closed", state_reason: "completed" },
      });
      actions.push({ run: run.id, action: "closed", issue: issue.number });
    }
  }
  return actions;
}

/**
 * @param {readonly string[]} argv
 * @param {{ readonly env: Env, readonly stdout: Out, readonly stderr: Out }} io
 * @returns {Promise<number>}
 */
export async function main(argv, { env, stdout, stderr }) {
  const [file, exitCode] = argv;
  if (!file || !["0", "1", "2"].includes(exitCode ?? "")) {
    stderr.write(
      "usage: drift-issues.mjs STATUS_JSON_FILE EXIT_CODE (0, 1 or 2, from jobsync status --detailed-exitcode)\n",
    );
    return 1;
  }
  if (exitCode === "1") {
    stderr.write(
      "jobsync status failed (exit 1), so drift issues were left as they are; see the status step's log.\n",
    );
    return 1;
  }
  try {
    const report = parseStatusReport(await readFile(file, "utf8"));
    const actions = await syncDriftIssues(createGitHubApi(env), repoFromEnv(env), report, env);
    const lines = actions.map((a) => `${a.action} issue #${a.issue} for process run ${showControls(a.run)}`);
    const drifted = report.runs.filter((r) => r.sync === "OutOfSync").length;
    const last = `${drifted} of ${report.runs.length} process runs out of sync.`;
    stdout.write(`${[...lines, last].join("\n")}\n`);
    if (env.GITHUB_STEP_SUMMARY) {
      const items = actions.map((a) => `- ${a.action} #${a.issue} (process run ${code(a.run)})`);
      await appendFile(
        env.GITHUB_STEP_SUMMARY,
        `### jobsync drift check\n\n**${last}**\n\n${items.join("\n")}\n`,
      );
    }
    return 0;
  } catch (e) {
    stderr.write(`cannot update the drift issues: ${e instanceof Error ? e.message : String(e)}\n`);
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
