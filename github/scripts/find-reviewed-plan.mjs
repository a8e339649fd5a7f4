// @ts-check
/**
 * Which reviewed plan a merge may apply, and which merges still wait for theirs. Fail closed:
 * a merge gets a plan only when a plan artifact was made by a pull-request run on the pull
 * request's head commit from exactly the tree that was merged; anything else is a reason, never
 * a guess.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { repoPath } from "./github-api.mjs";
import { readZipEntry } from "./read-zip.mjs";
import { findStickyComments, marker } from "./sticky-comment.mjs";

/**
 * @typedef {import("./github-api.mjs").GitHubApi} GitHubApi
 * @typedef {import("./github-api.mjs").Repo} Repo
 * @typedef {{
 *   readonly number: number, readonly merged_at?: string | null, readonly merge_commit_sha?: string | null,
 *   readonly head: { readonly sha: string }, readonly base: { readonly ref: string },
 * }} PullRequest
 * @typedef {{
 *   readonly id: number, readonly name: string, readonly expired?: boolean, readonly created_at?: string,
 *   readonly workflow_run?: { readonly id?: number, readonly head_sha?: string } | null,
 * }} Artifact
 * @typedef {{ readonly ok: true, readonly artifact: Artifact, readonly tree: string }
 *   | { readonly ok: false, readonly reason: string }} PlanLookup
 */

export const PLAN_MARKER = marker("jobsync-plan");
export const APPLY_MARKER = marker("jobsync-apply");

/** How many recently closed pull requests are looked at for merges still waiting for an apply. */
const LOOK_BACK = 50;

/**
 * The artifact name the plan workflow uploads: the pull request and the tree it planned.
 * @param {number} pr
 * @param {string} tree
 */
export function planArtifactName(pr, tree) {
  return `jobsync-plan-pr${pr}-${tree}`;
}

/**
 * The merged pull request whose merge (or squash, or last rebased commit) is `sha`.
 * @param {GitHubApi} api
 * @param {Repo} repo
 * @param {string} sha
 * @param {string | undefined} branch
 * @returns {Promise<PullRequest | undefined>}
 */
export async function mergedPullRequestFor(api, repo, sha, branch) {
  const pulls = /** @type {PullRequest[]} */ (
    await api.list(repoPath(repo, `/commits/${sha}/pulls?per_page=100`))
  );
  return pulls.find(
    (p) =>
      Boolean(p.merged_at) && p.merge_commit_sha === sha && (branch === undefined || p.base.ref === branch),
  );
}

/**
 * Pull requests merged into the same branch before `target` that were planned (they carry the
 * bot's plan comment) but never got an apply result (no apply comment), oldest first. The walk
 * goes back from `target` and stops at the first one that has its result: applies run one at a
 * time and each catches up everything before it, so every earlier one has been dealt with.
 * @param {GitHubApi} api
 * @param {Repo} repo
 * @param {PullRequest} target
 * @param {string} author
 * @returns {Promise<PullRequest[]>}
 */
export async function earlierUnappliedPullRequests(api, repo, target, author) {
  const closed = /** @type {PullRequest[]} */ (
    await api.send(
      repoPath(
        repo,
        `/pulls?state=closed&base=${encodeURIComponent(target.base.ref)}&sort=updated&direction=desc&per_page=${LOOK_BACK}`,
      ),
    )
  );
  const targetTime = Date.parse(target.merged_at ?? "");
  const earlier = closed
    .filter((p) => p.number !== target.number && p.merged_at && Date.parse(p.merged_at) <= targetTime)
    .sort((a, b) => Date.parse(b.merged_at ?? "") - Date.parse(a.merged_at ?? "") || b.number - a.number);
  /** @type {PullRequest[]} */
  const waiting = [];
  for (const pr of earlier) {
    if ((await findStickyComments(api, repo, pr.number, APPLY_MARKER, author)).length > 0) break;
    if ((await findStickyComments(api, repo, pr.number, PLAN_MARKER, author)).length > 0) waiting.push(pr);
  }
  return waiting.reverse();
}

/**
 * The reviewed plan for a merged pull request, or why there is none.
 * @param {GitHubApi} api
 * @param {Repo} repo
 * @param {PullRequest} pr
 * @returns {Promise<PlanLookup>}
 */
export async function findReviewedPlan(api, repo, pr) {
  const merge = pr.merge_commit_sha ?? "";
  if (!/^[0-9a-f]{40,64}$/i.test(merge))
    return { ok: false, reason: `pull request #${pr.number} has no merge commit` };
  const commit = /** @type {{ tree?: { sha?: string } }} */ (
    await api.send(repoPath(repo, `/git/commits/${merge}`))
  );
  const tree = commit.tree?.sha ?? "";
  const name = planArtifactName(pr.number, tree);
  const artifacts = /** @type {Artifact[]} */ (
    await api.list(repoPath(repo, `/actions/artifacts?name=${encodeURIComponent(name)}&per_page=100`))
  );
  const matching = artifacts
    .filter((a) => a.name === name && !a.expired && a.workflow_run?.head_sha === pr.head.sha)
    .sort((a, b) => Date.parse(b.created_at ?? "") - Date.parse(a.created_at ?? "") || b.id - a.id);
  const [newest] = matching;
  if (newest) return { ok: true, artifact: newest, tree };
  return {
    ok: false,
    reason:
      `no reviewed plan matches the merge of pull request #${pr.number}: no plan artifact "${name}" ` +
      `was made on its head commit ${pr.head.sha.slice(0, 12)} from the merged tree ${tree.slice(0, 12)} ` +
      `(merge commit ${merge.slice(0, 12)}). The base branch moved after the last plan, the last plan ` +
      "failed, or its artifact expired. Nothing was applied.",
  };
}

/**
 * Downloads the artifact and writes its `plan.json` into `dir`; returns the file's path.
 * @param {GitHubApi} api
 * @param {Repo} repo
 * @param {Artifact} artifact
 * @param {string} dir
 */
export async function downloadPlan(api, repo, artifact, dir) {
  const zip = await api.download(repoPath(repo, `/actions/artifacts/${artifact.id}/zip`));
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, "plan.json");
  await writeFile(file, readZipEntry(zip, "plan.json"));
  return file;
}
