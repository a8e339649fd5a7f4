/**
 * The transport: every request (token requests too) goes through the one rate limiter, carries
 * `X-Version` and `Accept`, and is retried only where that is safe:
 * - 401 with an OAuth token: invalidate, re-authenticate once, repeat;
 * - 429 (the server did no work): pause everyone, then repeat, for any method;
 * - 5xx / timeouts / resets: repeated with capped exponential backoff only when idempotent;
 * - connect errors that prove nothing was sent: repeated for any method.
 * A POST that may have reached the server is never repeated: the caller gets the answer (or a
 * classified ApiError) and decides.
 */

import { type Dispatcher, request } from "undici";
import { ApiError } from "../diagnostics/errors.js";
import { BudgetProbe } from "./budget-probe.js";
import { isNotSent, networkError, readServerError } from "./http-errors.js";
import { proxyRefusal, proxyRefusalStatus } from "./proxy-refusal.js";
import type { RateLimiter, Sleep } from "./rate-limiter.js";
import { firstHeader, mib, ResponseTooLargeError, readBodyText } from "./read-body.js";
import {
  backoffMs,
  MAX_429_TRIES,
  MAX_TRIES,
  pauseAfter429,
  RETRY_BASE_MS,
  RETRY_CAP_MS,
} from "./retry-policy.js";
import type { TokenSource } from "./token-provider.js";
import { requireSafeForCredentials } from "./url-policy.js";
import type { ClientEvent } from "./waiting.js";

export interface HttpRequest {
  readonly method: "GET" | "POST";
  /** Absolute URL (query included, or given in `query`). */
  readonly url: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Already-encoded body. */
  readonly body?: string;
  /** Safe to repeat after it may have reached the server (GETs, token requests). */
  readonly idempotent: boolean;
  /** Send `Authorization: Bearer` from the token source. */
  readonly auth: boolean;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Parsed JSON, or the text when it is not JSON, or undefined when empty. */
  readonly body: unknown;
  /** How many times the request was sent. */
  readonly tries: number;
  /** Path and query, no host. */
  readonly path: string;
}

export interface TransportOptions {
  /** The connection pool for a URL (direct for loopback, else through the proxy if one is set). */
  readonly dispatcherFor: (url: URL) => Dispatcher;
  readonly limiter: RateLimiter;
  /** Needed for `auth: true` requests. */
  readonly tokens?: TokenSource;
  readonly version: string;
  /** Whole request, first byte to last (`api.timeoutMs`). */
  readonly timeoutMs: number;
  /** Longest wait a server may ask for (`api.maxWaitSeconds`); longer ends every request. */
  readonly maxWaitMs: number;
  readonly now: () => number;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly onEvent?: (e: ClientEvent) => void;
  readonly signal?: AbortSignal;
}

/** Path and query of a URL: what errors and events may show (never the host's credentials). */
export function pathOf(url: URL): string {
  return `${url.pathname}${url.search}`;
}

export class Transport {
  private readonly probe = new BudgetProbe();

  constructor(private readonly options: TransportOptions) {}

  /**
   * Sends with the retry rules above and returns the final answer whatever its status.
   * Throws ApiError for network failures that remain (classified not-sent / maybe-applied).
   */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const { limiter, now, random, onEvent, signal } = this.options;
    const url = new URL(req.url);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    // Every request carries credentials or a token: never over plain http off loopback.
    requireSafeForCredentials(url, "a request URL");
    const path = pathOf(url);
    const ctx = { method: req.method, path, host: url.host, idempotent: req.idempotent };
    let reauthenticated = false;
    let tries = 0;
    let failures = 0;
    let limited = 0;
    for (;;) {
      signal?.throwIfAborted();
      const token = req.auth ? await this.requireTokens().getToken(signal) : undefined;
      const release = await limiter.acquire(signal);
      const started = now();
      tries++;
      let status: number;
      let headers: HttpResponse["headers"];
      let body: unknown;
      try {
        ({ status, headers, body } = await this.once(req.method, url, req, token));
      } catch (error) {
        release();
        onEvent?.({ type: "request", method: req.method, path, ms: now() - started });
        if (signal?.aborted || error instanceof ApiError) throw error;
        const refusedBy = proxyRefusalStatus(error);
        if (refusedBy !== undefined) throw proxyRefusal(refusedBy, ctx);
        const retryable = req.idempotent || isNotSent(error);
        if (!retryable || ++failures >= MAX_TRIES) throw networkError(error, ctx, tries);
        await this.wait(backoffMs(failures - 1, random, RETRY_BASE_MS, RETRY_CAP_MS), "retry", String(error));
        continue;
      }
      const trial = release(status === 429 ? "refused" : "accepted");
      onEvent?.({ type: "request", method: req.method, path, status, ms: now() - started });

      if (
        status === 401 &&
        token !== undefined &&
        !reauthenticated &&
        this.options.tokens?.kind === "oauth"
      ) {
        reauthenticated = true;
        this.options.tokens.invalidate(token);
        continue;
      }
      // API requests only: whether a token request counts against the limit is not documented.
      if (status !== 429 && req.auth) {
        const observed = this.probe.accept(started, now());
        if (observed) limiter.learn(observed);
        if (!this.probe.probing) limiter.endProbe();
      }
      if (status === 429 && ++limited < MAX_429_TRIES) {
        const retryAfter = firstHeader(headers["retry-after"]);
        const message = readServerError(body).message;
        const pause = pauseAfter429(retryAfter, message, limited - 1, now(), random);
        if (pause.waitMs > this.options.maxWaitMs) throw this.haltForWait(pause.waitMs, ctx);
        if (pause.learned) limiter.learn(pause.learned);
        else if (trial && pause.source === "backoff") {
          // A trial of a shorter learned window was refused: the limiter now knows; just send again.
          limited--;
          continue;
        } else {
          // Under a window learned from bare 429s, the requests since then are no clean stretch.
          if (!limiter.refusedWithinLearned(started)) this.probe.refused(now(), started);
          limiter.startProbe();
        }
        const untilMs = now() + pause.waitMs;
        limiter.pauseUntil(untilMs);
        onEvent?.({ type: "waiting", reason: "server-429", untilMs, detail: message });
        continue;
      }
      if (status >= 500 && req.idempotent && ++failures < MAX_TRIES) {
        await this.wait(
          backoffMs(failures - 1, random, RETRY_BASE_MS, RETRY_CAP_MS),
          "retry",
          `HTTP ${status}`,
        );
        continue;
      }
      return { status, headers, body, tries, path };
    }
  }

  /** A server wait past `api.maxWaitSeconds`: this request fails, and so does every later one. */
  private haltForWait(waitMs: number, ctx: { method: string; path: string }): ApiError {
    const asked = Math.ceil(waitMs / 1000);
    const limit = Math.round(this.options.maxWaitMs / 1000);
    const error = new ApiError(
      `the API asked to wait ${asked} s before the next request (HTTP 429), longer than api.maxWaitSeconds (${limit} s)`,
      {
        method: ctx.method,
        path: ctx.path,
        status: 429,
        outcome: "not-sent",
        final: true,
        hint: "Nothing more was sent. Re-run later (re-running is safe), or raise api.maxWaitSeconds to wait that long.",
      },
    );
    this.options.limiter.halt(error);
    return error;
  }

  private requireTokens(): TokenSource {
    if (!this.options.tokens) throw new Error("Transport: auth requested without a token source");
    return this.options.tokens;
  }

  private async wait(ms: number, reason: "retry", detail: string): Promise<void> {
    this.options.onEvent?.({ type: "waiting", reason, untilMs: this.options.now() + ms, detail });
    await this.options.sleep(ms, this.options.signal);
  }

  private async once(method: string, url: URL, req: HttpRequest, token: string | undefined) {
    const headers: Record<string, string> = {
      accept: "application/json",
      "x-version": this.options.version,
      ...(req.body !== undefined ? { "content-type": "application/json" } : {}),
      ...req.headers,
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
    };
    // One deadline for the whole request, however slowly the body trickles in.
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new RequestDeadlineError(this.options.timeoutMs)),
      this.options.timeoutMs,
    );
    const signal = this.options.signal
      ? AbortSignal.any([this.options.signal, deadline.signal])
      : deadline.signal;
    try {
      const response = await request(url, {
        method: method as Dispatcher.HttpMethod,
        headers,
        body: req.body,
        dispatcher: this.options.dispatcherFor(url),
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
        signal,
      });
      const text = await readBodyText(response).catch((error: unknown) => {
        throw error instanceof ResponseTooLargeError
          ? tooLarge(error, method, url, response.statusCode)
          : error;
      });
      return { status: response.statusCode, headers: response.headers, body: parseBody(text) };
    } catch (error) {
      throw deadline.signal.aborted && !this.options.signal?.aborted ? deadline.signal.reason : error;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The whole-request deadline passed (`api.timeoutMs`): classified as a timeout (code `UND_ERR_DEADLINE_TIMEOUT`). */
export class RequestDeadlineError extends Error {
  override readonly name = "TimeoutError";
  readonly code = "JOBSYNC_DEADLINE_TIMEOUT";
  constructor(ms: number) {
    super(`no complete answer within ${ms} ms`);
  }
}

/** A body past the limit: never read again (a repeat would download it again), named with what to do. */
function tooLarge(error: ResponseTooLargeError, method: string, url: URL, status: number): ApiError {
  const size = error.declared ? ` (it declared ${mib(error.bytes)})` : "";
  const changed = method !== "GET" && (status < 300 || status >= 500);
  return new ApiError(
    `the API's answer (HTTP ${status}) is larger than ${mib(error.limit)}${size}, the most jobsync reads; it was not read further`,
    {
      method,
      path: pathOf(url),
      status,
      outcome: changed ? "maybe-applied" : "rejected",
      hint: changed
        ? "The server may have applied the request: re-run plan/apply, which re-reads the run first."
        : "Check api.baseUrl points at the Workiva API, or narrow what is read (a process id instead of a name).",
    },
  );
}

function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
