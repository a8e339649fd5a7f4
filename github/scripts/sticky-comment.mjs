// @ts-check
/**
 * One comment per pull request owned by the bot, found by a hidden marker on its first line
 * (`<!-- jobsync-plan -->`): updated in place when it exists, created otherwise. Comments by
 * anyone else are never touched, even when they quote the marker.
 */
import { repoPath } from "./github-api.mjs";

/**
 * @typedef {import("./github-api.mjs").GitHubApi} GitHubApi
 * @typedef {import("./github-api.mjs").Repo} Repo
 * @typedef {{ readonly id: number, readonly body?: string | null, readonly user?: { readonly login?: string } | null }} IssueComment
 */

/** The login of the token `github.token` acts as; set `JOBSYNC_COMMENT_AUTHOR` for an app's token. */
export const DEFAULT_AUTHOR = "github-actions[bot]";

/** GitHub refuses bodies over 65,536 characters. */
const MAX_BODY = 65_000;

/**
 * @param {string} name
 */
export function marker(name) {
  return `<!-- ${name} -->`;
}

/**
 * @param {Readonly<Record<string, string | undefined>>} env
 */
export function commentAuthor(env) {
  return env.JOBSYNC_COMMENT_AUTHOR || DEFAULT_AUTHOR;
}

/**
 * The bot's comments on an issue or pull request that start with `mark`, oldest first.
 * @param {GitHubApi} api
 * @param {Repo} repo
 * @param {number} issue
 * @param {string} mark
 * @param {string} author
 * @returns {Promise<IssueComment[]>}
 */
export async function findStickyComments(api, repo, issue, mark, author) {
  const comments = /** @type {IssueComment[]} */ (
    await api.list(repoPath(repo, `/issues/${issue}/comments?per_page=100`))
  );
  return comments.filter((c) => c.user?.login === author && (c.body ?? "").startsWith(mark));
}

/**
 * @param {string} body
 */
function fitted(body) {
  if (body.length <= MAX_BODY) return body;
  return `${body.slice(0, MAX_BODY)}\n\n… (cut to fit a comment; the whole text is in the workflow run's summary)`;
}

/**
 * Updates the bot's comment that starts with `mark` (the first, when there are several), or creates it.
 * @param {GitHubApi} api
 * @param {Repo} repo
 * @param {{ readonly issue: number, readonly mark: string, readonly body: string, readonly author: string }} options
 * @returns {Promise<{ readonly action: "created" | "updated", readonly id: number }>}
 */
export async function upsertStickyComment(api, repo, { issue, mark, body, author }) {
  const text = fitted(`${mark}\n${body}`);
  const [existing] = await findStickyComments(api, repo, issue, mark, author);
  if (existing) {
    await api.send(repoPath(repo, `/issues/comments/${existing.id}`), {
      method: "PATCH",
      body: { body: text },
    });
    return { action: "updated", id: existing.id };
  }
  const created = /** @type {IssueComment} */ (
    await api.send(repoPath(repo, `/issues/${issue}/comments`), { method: "POST", body: { body: text } })
  );
  return { action: "created", id: created.id };
}
