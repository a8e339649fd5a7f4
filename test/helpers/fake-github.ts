/**
 * A fake of the GitHub REST endpoints the workflow scripts use, over real HTTP on port 0:
 * issue comments, issues, pull requests of a commit and closed ones, git commits (trees),
 * artifacts and their zip downloads. Every request is recorded with its body.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { crc32, deflateRawSync } from "node:zlib";

export const BOT = "github-actions[bot]";
export const TOKEN = "ghs_test_token";

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string };
}
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  state_reason?: string;
  labels: string[];
  user: { login: string };
  pull_request?: object;
}
export interface FakePull {
  number: number;
  merged_at: string | null;
  merge_commit_sha: string | null;
  head: { sha: string };
  base: { ref: string };
}
export interface FakeArtifact {
  id: number;
  name: string;
  expired: boolean;
  created_at: string;
  workflow_run: { id: number; head_sha: string };
  zip: Buffer;
}
export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface FakeGitHub {
  url: string;
  comments: FakeComment[];
  issues: FakeIssue[];
  pulls: FakePull[];
  /** Pull requests by commit sha (`GET /commits/{sha}/pulls`). */
  commitPulls: Map<string, FakePull[]>;
  /** Tree sha by commit sha. */
  trees: Map<string, string>;
  artifacts: FakeArtifact[];
  requests: RecordedRequest[];
  /** Page size for list endpoints (to exercise `Link` pagination). */
  pageSize: number;
  writes(): RecordedRequest[];
  close(): Promise<void>;
}

/** A zip archive holding one file (deflated), as the artifact API serves it. */
export function zipOf(name: string, content: string): Buffer {
  const data = Buffer.from(content, "utf8");
  const packed = deflateRawSync(data);
  const nameBytes = Buffer.from(name, "utf8");
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const directoryOffset = local.length + nameBytes.length + packed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return Buffer.concat([local, nameBytes, packed, central, nameBytes, end]);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : JSON.parse(text);
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  let nextId = 1000;
  const state = {
    comments: [] as FakeComment[],
    issues: [] as FakeIssue[],
    pulls: [] as FakePull[],
    commitPulls: new Map<string, FakePull[]>(),
    trees: new Map<string, string>(),
    artifacts: [] as FakeArtifact[],
    requests: [] as RecordedRequest[],
    pageSize: 100,
  };

  function json(res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(data === undefined ? "" : JSON.stringify(data));
  }

  function page(res: ServerResponse, url: URL, items: unknown[]) {
    const size = Math.min(state.pageSize, Number(url.searchParams.get("per_page") ?? 30));
    const number = Number(url.searchParams.get("page") ?? 1);
    const slice = items.slice((number - 1) * size, number * size);
    const headers: Record<string, string> = {};
    if (number * size < items.length) {
      const next = new URL(url);
      next.searchParams.set("page", String(number + 1));
      headers.link = `<${next.href}>; rel="next"`;
    }
    json(res, 200, slice, headers);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const body = await readBody(req);
    const method = req.method ?? "GET";
    state.requests.push({ method, path: `${url.pathname}${url.search}`, body });
    if (url.pathname.startsWith("/download/")) {
      const artifact = state.artifacts.find((a) => `/download/${a.id}` === url.pathname);
      if (!artifact) return json(res, 404, { message: "Not Found" });
      res.writeHead(200, { "content-type": "application/zip" });
      return res.end(artifact.zip);
    }
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return json(res, 401, { message: "Bad credentials" });
    const p = url.pathname.replace(/^\/repos\/acme\/manifests/, "");
    if (p === url.pathname) return json(res, 404, { message: "Not Found" });
    const input = (body ?? {}) as Record<string, unknown>;
    const at = (pattern: RegExp, wanted?: string) =>
      wanted === undefined || wanted === method ? pattern.exec(p)?.[1] : undefined;
    const commentsOf = at(/^\/issues\/(\d+)\/comments$/);
    if (commentsOf !== undefined) {
      const issue = Number(commentsOf);
      if (method === "GET")
        return page(
          res,
          url,
          state.comments.filter((c) => c.issue === issue),
        );
      const comment = { id: nextId++, issue, body: String(input.body), user: { login: BOT } };
      state.comments.push(comment);
      return json(res, 201, comment);
    }
    const commentId = at(/^\/issues\/comments\/(\d+)$/, "PATCH");
    if (commentId !== undefined) {
      const comment = state.comments.find((c) => c.id === Number(commentId));
      if (!comment) return json(res, 404, { message: "Not Found" });
      comment.body = String(input.body);
      return json(res, 200, comment);
    }
    if (p === "/issues" && method === "GET") {
      const wanted = url.searchParams.get("state") ?? "open";
      const creator = url.searchParams.get("creator");
      return page(
        res,
        url,
        state.issues.filter(
          (i) => (wanted === "all" || i.state === wanted) && (!creator || i.user.login === creator),
        ),
      );
    }
    if (p === "/issues" && method === "POST") {
      const issue: FakeIssue = {
        number: nextId++,
        title: String(input.title),
        body: String(input.body),
        state: "open",
        labels: (input.labels as string[]) ?? [],
        user: { login: BOT },
      };
      state.issues.push(issue);
      return json(res, 201, issue);
    }
    const issueNumber = at(/^\/issues\/(\d+)$/, "PATCH");
    if (issueNumber !== undefined) {
      const issue = state.issues.find((i) => i.number === Number(issueNumber));
      if (!issue) return json(res, 404, { message: "Not Found" });
      Object.assign(issue, input);
      return json(res, 200, issue);
    }
    const pullsOf = at(/^\/commits\/([0-9a-f]+)\/pulls$/);
    if (pullsOf !== undefined) return page(res, url, state.commitPulls.get(pullsOf) ?? []);
    if (p === "/pulls" && method === "GET") {
      const base = url.searchParams.get("base");
      return page(
        res,
        url,
        state.pulls.filter((pr) => !base || pr.base.ref === base),
      );
    }
    const commit = at(/^\/git\/commits\/([0-9a-f]+)$/);
    if (commit !== undefined) {
      const tree = state.trees.get(commit);
      return tree
        ? json(res, 200, { sha: commit, tree: { sha: tree } })
        : json(res, 404, { message: "Not Found" });
    }
    if (p === "/actions/artifacts" && method === "GET") {
      const name = url.searchParams.get("name");
      const found = state.artifacts.filter((a) => !name || a.name === name).map(({ zip: _zip, ...a }) => a);
      return json(res, 200, { total_count: found.length, artifacts: found });
    }
    const zipOfArtifact = at(/^\/actions\/artifacts\/(\d+)\/zip$/);
    if (zipOfArtifact !== undefined)
      return json(res, 302, undefined, { location: `/download/${zipOfArtifact}` });
    return json(res, 404, { message: `no fake for ${method} ${p}` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => json(res, 500, { message: String(e) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    writes: () => state.requests.filter((r) => r.method !== "GET"),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** The environment a workflow step would have, pointed at the fake. */
export function workflowEnv(fake: FakeGitHub, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GITHUB_API_URL: fake.url,
    GITHUB_TOKEN: TOKEN,
    GITHUB_REPOSITORY: "acme/manifests",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: "4242",
    ...extra,
  };
}

/** stdout/stderr into strings. */
export function captured() {
  let out = "";
  let err = "";
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    out: () => out,
    err: () => err,
  };
}
