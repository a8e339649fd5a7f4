// @ts-check
/**
 * A small GitHub REST client for the jobsync workflow scripts: global `fetch` against
 * `GITHUB_API_URL`, the token from `GITHUB_TOKEN`, JSON in and out, `Link` pages followed
 * (on the API's own origin only, so the token never leaves it).
 */

/**
 * @typedef {{ readonly owner: string, readonly name: string }} Repo
 * @typedef {{ readonly method?: string, readonly body?: unknown }} SendOptions
 * @typedef {{
 *   send(path: string, options?: SendOptions): Promise<unknown>,
 *   list(path: string): Promise<unknown[]>,
 *   download(path: string): Promise<Buffer>,
 * }} GitHubApi
 */

export class GitHubApiError extends Error {
  /**
   * @param {string} message
   * @param {number} status
   */
  constructor(message, status) {
    super(message);
    this.name = "GitHubApiError";
    this.status = status;
  }
}

/**
 * `owner/name` from `GITHUB_REPOSITORY`, checked.
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {Repo}
 */
export function repoFromEnv(env) {
  const value = env.GITHUB_REPOSITORY ?? "";
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value);
  if (!match) throw new Error(`GITHUB_REPOSITORY must be owner/name (got "${value.slice(0, 100)}")`);
  return { owner: match[1] ?? "", name: match[2] ?? "" };
}

/**
 * `/repos/OWNER/NAME` followed by `rest`.
 * @param {Repo} repo
 * @param {string} rest
 */
export function repoPath(repo, rest) {
  return `/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}${rest}`;
}

/**
 * @param {string} text
 */
function shortText(text) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

/**
 * The next page from a `Link` header, if any.
 * @param {string | null} link
 */
function nextLink(link) {
  if (!link) return undefined;
  for (const part of link.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="next"/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {GitHubApi}
 */
export function createGitHubApi(env) {
  const base = new URL((env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""));
  const token = env.GITHUB_TOKEN;
  if (!token) {
    throw new Error(
      "GITHUB_TOKEN is not set: give this step the env GITHUB_TOKEN set to the workflow token (github.token).",
    );
  }
  const prefix = base.pathname.replace(/\/+$/, "");

  /** @param {string} path */
  function urlOf(path) {
    const url = /^https?:\/\//.test(path) ? new URL(path) : new URL(`${prefix}${path}`, base.origin);
    if (url.origin !== base.origin) throw new Error(`refusing to send the token to ${url.origin}`);
    return url;
  }

  /**
   * @param {URL} url
   * @param {SendOptions} options
   */
  async function request(url, options) {
    const method = options.method ?? "GET";
    /** @type {Record<string, string>} */
    const headers = {
      accept: "application/vnd.github+json",
      authorization: `Bearer ${token}`,
      "x-github-api-version": "2022-11-28",
      "user-agent": "jobsync-workflow-scripts",
    };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(url, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    if (!response.ok) {
      const text = await response.text().catch(() => "");
      throw new GitHubApiError(
        `GitHub API ${method} ${url.pathname} answered ${response.status}: ${shortText(text)}`,
        response.status,
      );
    }
    return response;
  }

  return {
    async send(path, options = {}) {
      const response = await request(urlOf(path), options);
      const text = await response.text();
      return text === "" ? undefined : JSON.parse(text);
    },
    async list(path) {
      /** @type {unknown[]} */
      const items = [];
      /** @type {string | undefined} */
      let next = path;
      for (let page = 0; next !== undefined && page < 50; page++) {
        const response = await request(urlOf(next), {});
        const data = await response.json();
        if (Array.isArray(data)) items.push(...data);
        else if (data && typeof data === "object") {
          const arrays = Object.values(data).filter(Array.isArray);
          for (const array of arrays) items.push(...array);
        }
        next = nextLink(response.headers.get("link"));
      }
      return items;
    },
    async download(path) {
      const response = await request(urlOf(path), {});
      return Buffer.from(await response.arrayBuffer());
    },
  };
}

/**
 * The workflow run and commit this script runs for, as links (only from well-formed values).
 * @param {Readonly<Record<string, string | undefined>>} env
 */
export function workflowLinks(env) {
  const server = /^https?:\/\/[\w.:-]+$/.test(env.GITHUB_SERVER_URL ?? "")
    ? (env.GITHUB_SERVER_URL ?? "")
    : "https://github.com";
  const repository = /^[\w.-]+\/[\w.-]+$/.test(env.GITHUB_REPOSITORY ?? "") ? env.GITHUB_REPOSITORY : "";
  const runId = /^\d+$/.test(env.GITHUB_RUN_ID ?? "") ? env.GITHUB_RUN_ID : "";
  return {
    /** @returns {string | undefined} */
    run() {
      return repository && runId ? `${server}/${repository}/actions/runs/${runId}` : undefined;
    },
    /**
     * @param {string | undefined} sha
     * @returns {string | undefined}
     */
    commit(sha) {
      return repository && sha && /^[0-9a-f]{7,64}$/i.test(sha)
        ? `${server}/${repository}/commit/${sha}`
        : undefined;
    },
  };
}
