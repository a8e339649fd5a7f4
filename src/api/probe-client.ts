/**
 * The API as `jobsync doctor` reads it, one step at a time, over the same transport as every
 * command (`openApiTransport`: https rule, proxy, X-Version, rate limiter, token source): a bare
 * connection, the token request, a first small read, the target reads of `resolve-targets.ts`
 * and each run's body as sent (so every node can be inspected, not only up to the first unknown
 * one). Reads only: the one POST is the OAuth token request.
 */

import { request } from "undici";
import {
  type ApiTransport,
  type ClientOptions,
  openApiTransport,
  openDispatchers,
  seg,
} from "./api-transport.js";
import { getProcess } from "./endpoints/get-process.js";
import { listProcesses } from "./endpoints/list-processes.js";
import type { HttpResponse } from "./http.js";
import { networkErrorCode } from "./http-errors.js";
import { createProcessReads, type ProcessReads } from "./process-reads.js";
import { isLoopbackHost } from "./url-policy.js";

export type ConnectResult =
  | { readonly ok: true; readonly status: number }
  | { readonly ok: false; readonly code: string; readonly message: string };

export interface ProbeClient {
  /** One GET of the base URL without a token and without retries: can a connection (TLS) be made? */
  connect(): Promise<ConnectResult>;
  authenticate: ApiTransport["authenticate"];
  /** `GET /processes?$maxpagesize=1`: the first authenticated read (throws ApiError). */
  firstRead(): Promise<HttpResponse>;
  /** Process reads for resolving targets (each once). */
  readonly processes: ProcessReads;
  /** `GET /processRuns/{id}`: the body as sent (throws ApiError). */
  readRunBody(runId: string): Promise<unknown>;
  budgets: ApiTransport["budgets"];
  close(): Promise<void>;
}

/** Throws a UserError (before any connection) for an unsafe base or token URL, as every command. */
export function openProbeClient(options: ClientOptions): ProbeClient {
  const t = openApiTransport(options);
  const bare = openDispatchers(options);
  const processes = createProcessReads({
    getProcess: (id) => getProcess(t, id),
    listProcesses: (filter) => listProcesses(t, filter),
  });
  return {
    async connect() {
      const url = new URL(options.baseUrl);
      try {
        const res = await request(url, {
          method: "GET",
          headers: { accept: "application/json", "x-version": options.version },
          dispatcher: isLoopbackHost(url.hostname) ? bare.direct : bare.proxied,
          signal: options.signal
            ? AbortSignal.any([options.signal, AbortSignal.timeout(Math.min(options.timeoutMs, 15_000))])
            : AbortSignal.timeout(Math.min(options.timeoutMs, 15_000)),
        });
        await res.body.dump();
        return { ok: true, status: res.statusCode };
      } catch (error) {
        const code = networkErrorCode(error) ?? (error instanceof Error ? error.name : "error");
        const message = innermostMessage(error);
        return { ok: false, code, message };
      }
    },
    authenticate: () => t.authenticate(),
    firstRead: () =>
      t.call(
        { method: "GET", url: `${t.base}/processes`, query: { $maxpagesize: "1" }, idempotent: true },
        "process list",
      ),
    processes,
    async readRunBody(runId) {
      const res = await t.call(
        { method: "GET", url: `${t.base}/processRuns/${seg(runId)}`, idempotent: true },
        `process run ${runId}`,
      );
      return res.body;
    },
    budgets: () => t.budgets(),
    async close() {
      await Promise.all([t.close(), bare.close()]);
    },
  };
}

/** The message of the deepest `cause` (undici wraps the TLS or socket error). */
function innermostMessage(error: unknown): string {
  let e: unknown = error;
  let message = "";
  for (let depth = 0; depth < 4 && e instanceof Error; depth++) {
    if (e.message) message = e.message;
    e = (e as { cause?: unknown }).cause;
  }
  return message;
}
