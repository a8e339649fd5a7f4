/**
 * The Processes API client over undici: one Agent, one rate limiter and one token source per
 * client, shared by every request. Responses are parsed leniently into LiveRun / ProcessSummary.
 */

import { setTimeout as delay } from "node:timers/promises";
import { Agent } from "undici";
import type { Credentials } from "../config/config-types.js";
import { ApiError } from "../diagnostics/errors.js";
import {
  createdJobRunsSchema,
  parseOrThrow,
  processPageSchema,
  processSchema,
  ResponseShapeError,
} from "./api-schema.js";
import type {
  CreatedJobRun,
  InsertPosition,
  JobRunCreateItem,
  ProcessesApi,
  ProcessSummary,
} from "./api-types.js";
import { type HttpRequest, type HttpResponse, pathOf, Transport } from "./http.js";
import { httpError } from "./http-errors.js";
import type { LiveRun } from "./live-types.js";
import { parseProcessRun } from "./parse-run.js";
import { RateLimiter, type Sleep } from "./rate-limiter.js";
import { createTokenProvider, type TokenSource } from "./token-provider.js";

export interface ClientOptions {
  readonly baseUrl: string;
  readonly tokenUrl: string;
  /** Sent as X-Version on every request. */
  readonly version: string;
  /** Per request: headers and body timeouts. */
  readonly timeoutMs: number;
  readonly credentials: Credentials;
  /** Client-side budget for all requests (sliding window). */
  readonly rateLimit: { readonly requests: number; readonly perSeconds: number };
  /** Injected clock (ms), sleep and randomness, for tests. */
  readonly now?: () => number;
  readonly sleep?: Sleep;
  readonly random?: () => number;
  readonly onEvent?: (e: ClientEvent) => void;
  readonly signal?: AbortSignal;
}

/** What the client reports while it works (for heartbeats and progress). Never has secrets. */
export type ClientEvent =
  | {
      type: "waiting";
      reason: "rate-limit" | "retry" | "server-429";
      /** Clock time the wait should end (Infinity: until an in-flight request finishes). */
      untilMs: number;
      detail?: string;
    }
  | { type: "request"; method: string; path: string; status?: number; ms: number };

export interface ProcessesClient extends ProcessesApi {
  /** Closes the connection pool. */
  close(): Promise<void>;
}

/** Largest page the API allows. */
const MAX_PAGE_SIZE = 1000;
/** Guard against a server that keeps handing out next links. */
const MAX_PAGES = 10_000;

const defaultSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

export function createProcessesClient(options: ClientOptions): ProcessesClient {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const base = options.baseUrl.replace(/\/+$/, "");
  const dispatcher = new Agent({
    connect: { timeout: Math.min(options.timeoutMs, 10_000) },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const limiter = new RateLimiter(options.rateLimit, {
    now,
    sleep,
    onWait: (w) => options.onEvent?.({ type: "waiting", reason: w.reason, untilMs: w.untilMs }),
  });
  const common = {
    dispatcher,
    limiter,
    version: options.version,
    timeoutMs: options.timeoutMs,
    now,
    sleep,
    random,
    onEvent: options.onEvent,
    signal: options.signal,
  };
  const tokenUrl = new URL(options.tokenUrl);
  const tokenTransport = new Transport(common);
  const tokens: TokenSource = createTokenProvider(options.credentials, {
    now,
    tokenPath: pathOf(tokenUrl),
    fetchToken: (req) =>
      tokenTransport.send({
        method: "POST",
        url: tokenUrl.href,
        headers: req.headers,
        body: req.body,
        idempotent: true,
        auth: false,
      }),
  });
  const transport = new Transport({ ...common, tokens });
  const staticToken = tokens.kind === "static";

  /** Sends and returns the 2xx body, or throws the classified ApiError. */
  async function call(req: Omit<HttpRequest, "auth">, resource?: string): Promise<HttpResponse> {
    const res = await transport.send({ ...req, auth: true });
    if (res.status >= 200 && res.status < 300) return res;
    throw httpError(res.status, res.body, {
      method: req.method,
      path: res.path,
      idempotent: req.idempotent,
      tries: res.tries,
      staticToken,
      ...(resource ? { resource } : {}),
    });
  }

  /** Parses a 2xx body; a shape problem becomes an ApiError naming the request. */
  function read<T>(res: HttpResponse, method: string, parse: (body: unknown) => T): T {
    try {
      return parse(res.body);
    } catch (error) {
      if (!(error instanceof ResponseShapeError)) throw error;
      throw new ApiError(error.message, {
        status: res.status,
        method,
        path: res.path,
        outcome: method === "GET" ? "rejected" : "maybe-applied",
        hint: "The API answered in a shape jobsync does not know; check api.version.",
      });
    }
  }

  const seg = (s: string) => encodeURIComponent(s);

  return {
    async getProcessRun(runId: string): Promise<LiveRun> {
      const res = await call(
        { method: "GET", url: `${base}/processRuns/${seg(runId)}`, idempotent: true },
        `process run ${runId}`,
      );
      return read(res, "GET", parseProcessRun);
    },

    async getProcess(processId: string): Promise<ProcessSummary> {
      const res = await call(
        { method: "GET", url: `${base}/processes/${seg(processId)}`, idempotent: true },
        `process ${processId}`,
      );
      return read(res, "GET", (body) => toSummary(parseOrThrow(processSchema, body, "Process")));
    },

    async listProcesses(filter?: { readonly nameContains?: string }): Promise<ProcessSummary[]> {
      const query: Record<string, string> = { $maxpagesize: String(MAX_PAGE_SIZE) };
      if (filter?.nameContains) query.$filter = `name contains '${filter.nameContains.replace(/'/g, "''")}'`;
      const all: ProcessSummary[] = [];
      const seen = new Set<string>();
      let next: { url: string; query?: Record<string, string> } | undefined = {
        url: `${base}/processes`,
        query,
      };
      for (let page = 0; next && page < MAX_PAGES; page++) {
        const res = await call({ method: "GET", ...next, idempotent: true });
        const body = read(res, "GET", (b) => parseOrThrow(processPageSchema, b, "process list page"));
        for (const item of body.data) {
          all.push(
            read(res, "GET", () => toSummary(parseOrThrow(processSchema, item, "process in the list"))),
          );
        }
        const link = body["@nextLink"];
        next = undefined;
        if (link) {
          // Keep the configured origin: the bearer token never follows a link to another host.
          const parsed = new URL(link, `${base}/`);
          const url = new URL(`${parsed.pathname}${parsed.search}`, new URL(base).origin).href;
          if (!seen.has(url)) {
            seen.add(url);
            next = { url };
          }
        }
      }
      return all;
    },

    async createJobRuns(
      runId: string,
      position: InsertPosition,
      items: readonly JobRunCreateItem[],
    ): Promise<CreatedJobRun[]> {
      const query: Record<string, string> = {};
      if (position.relativeSiblingId !== null) query.relativeSiblingId = position.relativeSiblingId;
      if (position.parentGroupId !== null) query.parentGroupId = position.parentGroupId;
      if (position.before !== null) query.before = position.before ? "true" : "false";
      const res = await call(
        {
          method: "POST",
          url: `${base}/processRuns/${seg(runId)}/jobRuns`,
          query,
          body: JSON.stringify(items),
          idempotent: false,
        },
        `process run ${runId} (or its group or sibling)`,
      );
      return read(res, "POST", (body) =>
        parseOrThrow(createdJobRunsSchema, body, "created job runs").map((j) => ({
          id: j.id,
          ...(j.ordinal !== null && j.ordinal !== undefined ? { ordinal: j.ordinal } : {}),
          ...(j.parent !== undefined ? { parent: j.parent } : {}),
        })),
      );
    },

    async close(): Promise<void> {
      await dispatcher.close();
    },
  };
}

function toSummary(p: {
  id: string;
  name: string;
  run?: { id: string; status?: string | null } | null;
  runId?: string | null;
}): ProcessSummary {
  const runId = p.run?.id ?? p.runId ?? undefined;
  const runStatus = p.run?.status ?? undefined;
  return { id: p.id, name: p.name, ...(runId ? { runId } : {}), ...(runStatus ? { runStatus } : {}) };
}
