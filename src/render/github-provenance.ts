/**
 * Where a plan was made, under GitHub Actions: the commit and the workflow run, from the
 * variables GitHub sets (`GITHUB_SHA`, `GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`, `GITHUB_RUN_ID`).
 * The markdown plan names the commit, links the run, and links manifest files at that commit.
 */

export interface GitHubProvenance {
  readonly serverUrl: string;
  readonly repository: string;
  readonly sha: string;
  readonly runId: string;
}

const SHA = /^[0-9a-f]{7,64}$/i;
const REPOSITORY = /^[\w.-]+\/[\w.-]+$/;
const RUN_ID = /^\d+$/;

/** The provenance when every variable is set and well-formed (anything else: none, never a broken link). */
export function githubProvenance(
  env: Readonly<Record<string, string | undefined>>,
): GitHubProvenance | undefined {
  const {
    GITHUB_SHA: sha,
    GITHUB_SERVER_URL: serverUrl,
    GITHUB_REPOSITORY: repository,
    GITHUB_RUN_ID: runId,
  } = env;
  if (!sha || !serverUrl || !repository || !runId) return undefined;
  if (!SHA.test(sha) || !REPOSITORY.test(repository) || !RUN_ID.test(runId)) return undefined;
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  return { serverUrl: url.origin, repository, sha, runId };
}

export function runUrl(p: GitHubProvenance): string {
  return `${p.serverUrl}/${p.repository}/actions/runs/${p.runId}`;
}

export function commitUrl(p: GitHubProvenance): string {
  return `${p.serverUrl}/${p.repository}/commit/${p.sha}`;
}

/** A manifest file (a path relative to the repository root, forward slashes) at the commit, optionally at a line. */
export function fileUrl(p: GitHubProvenance, file: string, line?: number): string {
  const path = file
    .split("/")
    .filter((part) => part !== "" && part !== ".")
    .map(encodeURIComponent)
    .join("/");
  return `${p.serverUrl}/${p.repository}/blob/${p.sha}/${path}${line === undefined ? "" : `#L${line}`}`;
}
