import { escapeControls } from "../diagnostics/terminal-safe.js";
/**
 * Turning failed requests into classified `ApiError`s: HTTP status + server message + what to do.
 * Branches on the HTTP status only, never on the server's `code` strings.
 */

import { ApiError, type RequestOutcome } from "../diagnostics/errors.js";

/** The error body fields we read (Workiva `Error` or an OAuth `IamError`), all optional. */
export interface ServerError {
  readonly code?: string;
  readonly message?: string;
  /** What the error is about (a parameter name, or an item like `[2].sendTaskArgs.assignee`). */
  readonly target?: string;
  /** `meta`, a free-form map (§4): each value as short text. */
  readonly meta?: Readonly<Record<string, string>>;
  /** `details`: sub-errors `{ code, message, target }`. */
  readonly details?: readonly ServerErrorDetail[];
}

export interface ServerErrorDetail {
  readonly code?: string;
  readonly message?: string;
  readonly target?: string;
}

/** Bounds on what is kept of a server's error body (it is shown to the user). */
const MAX_TEXT = 500;
const MAX_SHORT = 120;
const MAX_META_KEYS = 8;
const MAX_DETAILS = 10;

/** Server text, on one line with every control escaped (it is shown to the user). */
const text = (v: unknown, max = MAX_TEXT) =>
  typeof v === "string" && v.trim() ? escapeControls(v.trim().slice(0, max)) : undefined;

/** Reads `code`/`message` (or OAuth `error`/`error_description`), `target`, `meta`, `details` from any error body. */
export function readServerError(body: unknown): ServerError {
  if (typeof body === "string") return body.trim() ? { message: text(body) as string } : {};
  if (typeof body !== "object" || body === null) return {};
  const b = body as Record<string, unknown>;
  const code =
    text(b.code, MAX_SHORT) ?? (typeof b.code === "number" ? String(b.code) : undefined) ?? text(b.error);
  const message = text(b.message) ?? text(b.error_description) ?? text(b.title) ?? text(b.detail);
  const target = text(b.target, MAX_SHORT);
  const meta = readMeta(b.meta);
  const details = Array.isArray(b.details) ? b.details.slice(0, MAX_DETAILS).flatMap(readDetail) : [];
  return {
    ...(code ? { code } : {}),
    ...(message ? { message } : {}),
    ...(target ? { target } : {}),
    ...(meta ? { meta } : {}),
    ...(details.length > 0 ? { details } : {}),
  };
}

function readMeta(meta: unknown): Record<string, string> | undefined {
  if (typeof meta !== "object" || meta === null || Array.isArray(meta)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(meta).slice(0, MAX_META_KEYS)) {
    const shown =
      typeof value === "string"
        ? value
        : typeof value === "number" || typeof value === "boolean"
          ? String(value)
          : JSON.stringify(value);
    if (shown !== undefined)
      out[escapeControls(key.slice(0, MAX_SHORT))] = escapeControls(shown.slice(0, MAX_SHORT));
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function readDetail(detail: unknown): ServerErrorDetail[] {
  if (typeof detail !== "object" || detail === null) return [];
  const d = detail as Record<string, unknown>;
  const code = text(d.code, MAX_SHORT);
  const message = text(d.message);
  const target = text(d.target, MAX_SHORT);
  if (!code && !message && !target) return [];
  return [{ ...(code ? { code } : {}), ...(message ? { message } : {}), ...(target ? { target } : {}) }];
}

/**
 * What the server said, for a message: `: message (target X; key=value, …)` and each sub-error
 * as `; target: message`; empty when it said nothing.
 */
export function serverSaid(server: ServerError): string {
  const about = [
    ...(server.target ? [`target ${server.target}`] : []),
    ...Object.entries(server.meta ?? {}).map(([k, v]) => `${k}=${v}`),
  ];
  const head = server.message ? `: ${server.message}` : about.length > 0 || server.details ? ":" : "";
  const where = about.length > 0 ? ` (${about.join("; ")})` : "";
  // A sub-error that only repeats the main one (same message) adds nothing.
  const subs = (server.details ?? [])
    .filter((d) => d.message === undefined || d.message !== server.message)
    .map((d) => {
      const about = [d.target, d.code !== server.code ? d.code : undefined].filter(Boolean).join(" ");
      return `; ${about}${about && d.message ? ": " : ""}${d.message ?? ""}`;
    });
  return `${head}${where}${subs.join("")}`;
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
  const said = serverSaid(server);
  const statusText = `HTTP ${status}${server.code ? ` ${server.code}` : ""}`;
  const details = (outcome: RequestOutcome, hint?: string) => ({
    status,
    ...(server.code ? { code: server.code } : {}),
    ...(server.target ? { target: server.target } : {}),
    ...(server.details ? { subTargets: server.details.flatMap((d) => (d.target ? [d.target] : [])) } : {}),
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
