/**
 * Turning failed requests into classified `ApiError`s: HTTP status + server message + what to do.
 * Branches on the HTTP status only, never on the server's `code` strings.
 */

import { ApiError, type RequestOutcome } from "../diagnostics/errors.js";

/** The error body fields we read (Workiva `Error` or an OAuth `IamError`), all optional. */
export interface ServerError {
  readonly code?: string;
  readonly message?: string;
}

/** Reads `code`/`message` (or OAuth `error`/`error_description`) from any error body. */
export function readServerError(body: unknown): ServerError {
  if (typeof body === "string") return body.trim() ? { message: body.trim().slice(0, 500) } : {};
  if (typeof body !== "object" || body === null) return {};
  const b = body as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
  const code = text(b.code) ?? (typeof b.code === "number" ? String(b.code) : undefined) ?? text(b.error);
  const message = text(b.message) ?? text(b.error_description) ?? text(b.title) ?? text(b.detail);
  return { ...(code ? { code } : {}), ...(message ? { message } : {}) };
}

/** Network error codes raised before any byte of the request could reach the server. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** The error code of an undici/Node network error (looking through `cause`). */
export function networkErrorCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && typeof e === "object" && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Whether a network error proves the request never reached the server. */
export function isNotSent(error: unknown): boolean {
  const code = networkErrorCode(error);
  return code !== undefined && NOT_SENT_CODES.has(code);
}

export interface RequestContext {
  readonly method: string;
  /** Path and query, no host. */
  readonly path: string;
  /** The host (and port) connected to, named when a connection could not be made. */
  readonly host?: string;
  /**
   * The request changes nothing in the API, so repeating it is safe (reads, token requests):
   * the transport's `HttpRequest.idempotent`.
   */
  readonly idempotent: boolean;
}

/** A network failure (no HTTP answer) as an ApiError. */
export function networkError(error: unknown, ctx: RequestContext, tries: number): ApiError {
  const code = networkErrorCode(error) ?? "network error";
  const notSent = isNotSent(error);
  const timeout = /TIMEOUT/.test(code) || (error instanceof Error && error.name === "TimeoutError");
  const what = notSent
    ? `could not connect to the API${ctx.host ? ` at ${ctx.host}` : ""} (${code})`
    : timeout
      ? `the API did not answer in time (${code})`
      : `the connection to the API failed (${code})`;
  const after = tries > 1 ? ` after ${tries} tries` : "";
  const outcome: RequestOutcome = notSent ? "not-sent" : "maybe-applied";
  const slow = timeout ? " Raise api.timeoutMs if the API is slow." : "";
  const hint = notSent
    ? "Check api.baseUrl (or JOBSYNC_BASE_URL) and the network."
    : ctx.idempotent
      ? `Try again later.${slow}`
      : `The server may have applied the request: re-run plan/apply, which re-reads the run first.${slow}`;
  return new ApiError(`${what}${after}`, { method: ctx.method, path: ctx.path, outcome, hint });
}

/** A non-2xx answer as an ApiError with outcome, message and hint. */
export function httpError(
  status: number,
  body: unknown,
  ctx: RequestContext & {
    readonly resource?: string;
    readonly tries?: number;
    readonly staticToken?: boolean;
    /** A token request: 400/401 mean the client credentials were refused. */
    readonly token?: boolean;
  },
): ApiError {
  const server = readServerError(body);
  const said = server.message ? `: ${server.message}` : "";
  const statusText = `HTTP ${status}${server.code ? ` ${server.code}` : ""}`;
  const details = (outcome: RequestOutcome, hint?: string) => ({
    status,
    ...(server.code ? { code: server.code } : {}),
    method: ctx.method,
    path: ctx.path,
    outcome,
    ...(hint ? { hint } : {}),
  });
  const scope = ctx.method === "GET" ? "file:read" : "file:write";
  if (ctx.token && (status === 400 || status === 401)) {
    return new ApiError(
      `the token endpoint refused the client credentials (${statusText})${said}`,
      details(
        "rejected",
        "Check WORKIVA_CLIENT_ID and WORKIVA_CLIENT_SECRET (and that the API grant is active).",
      ),
    );
  }
  if (status === 401) {
    return ctx.staticToken
      ? new ApiError(
          `the API refused the token in JOBSYNC_TOKEN (${statusText})${said}`,
          details(
            "rejected",
            "Set a fresh JOBSYNC_TOKEN, or use WORKIVA_CLIENT_ID and WORKIVA_CLIENT_SECRET.",
          ),
        )
      : new ApiError(
          `the API refused the access token even after re-authenticating (${statusText})${said}`,
          details("rejected", "Check that the API grant is active and the client credentials are current."),
        );
  }
  if (status === 403) {
    return new ApiError(
      `the API refused the request (${statusText})${said}`,
      details("rejected", `The API grant lacks the ${scope} scope, or the integration user lacks access.`),
    );
  }
  if (status === 404) {
    const what = ctx.resource ?? "resource";
    return new ApiError(`${what} not found (${statusText})${said}`, details("rejected", "Check the id."));
  }
  if (status === 409) {
    return new ApiError(
      `the API refused the change (${statusText})${said}`,
      details("rejected", "The process run is not running, or the group is read-only."),
    );
  }
  if (status === 429) {
    const tries = ctx.tries ?? 1;
    return new ApiError(
      `the API is still rate limiting after ${tries} tries (${statusText})${said}`,
      details("not-sent", "Lower rateLimit in the config, or try again later."),
    );
  }
  if (status >= 500) {
    const tries = ctx.tries && ctx.tries > 1 ? ` after ${ctx.tries} tries` : "";
    return new ApiError(
      `the API failed with a server error${tries} (${statusText})${said}`,
      details(
        "maybe-applied",
        ctx.idempotent
          ? "Try again later."
          : "The server may have applied the request: re-run plan/apply, which re-reads the run first.",
      ),
    );
  }
  return new ApiError(
    `the API rejected the request (${statusText})${said}`,
    details("rejected", status === 400 ? "Check the manifest's arguments and ids." : undefined),
  );
}
