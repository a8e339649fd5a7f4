/**
 * A proxy that refused to open the tunnel to the API (its answer to CONNECT was not 200). undici
 * reports it as an aborted request whose message carries the proxy's status; no byte of the
 * request reached the API, and repeating it would be refused the same way, so it is never retried.
 */

import { ApiError } from "../diagnostics/errors.js";

/** The proxy's status when `error` is a refused CONNECT, else undefined. */
export function proxyRefusalStatus(error: unknown): number | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e instanceof Error; depth++) {
    const found = /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling$/.exec(e.message);
    if (found) return Number(found[1]);
    e = e.cause;
  }
  return undefined;
}

/** The refusal as an ApiError naming the proxy's status and what to do (never the proxy URL: it may hold a password). */
export function proxyRefusal(status: number, ctx: { method: string; path: string }): ApiError {
  const hint =
    status === 407
      ? "The proxy wants credentials: give them in the proxy URL, HTTPS_PROXY=http://user:password@proxy:port (percent-encode special characters), or set NO_PROXY for the API host if it is reachable without the proxy."
      : "Check that the proxy in HTTPS_PROXY (or HTTP_PROXY) lets you reach the API host, or set NO_PROXY for that host.";
  return new ApiError(`the proxy refused to connect to the API (HTTP ${status} from the proxy)`, {
    method: ctx.method,
    path: ctx.path,
    status,
    outcome: "not-sent",
    hint,
  });
}
