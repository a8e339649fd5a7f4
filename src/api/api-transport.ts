/**
 * The one transport a client's endpoints share: one undici Agent, one rate limiter, one token
 * source, the retry rules of `http.ts`, the client's events and its abort signal. Endpoints
 * (`endpoints/*`) are functions of it: they build a request, `call` it, and `read` the body.
 */

import { setTimeout as delay } from "node:timers/promises";
import { Agent, type Dispatcher, EnvHttpProxyAgent } from "undici";
import type { Credentials } from "../config/config-types.js";
import type { ProxySettings } from "../config/proxy-env.js";
import { ApiError } from "../diagnostics/errors.js";
import { ResponseShapeError } from "./api-schema.js";
import { type HttpRequest, type HttpResponse, pathOf, Transport } from "./http.js";
import { httpError } from "./http-errors.js";
import { RateLimiter, type Sleep } from "./rate-limiter.js";
import { createTokenProvider, type TokenGrant, type TokenSource } from "./token-provider.js";
import { isLoopbackHost, requireSafeForCredentials } from "./url-policy.js";
import type { ClientEvent } from "./waiting.js";

export interface ClientOptions {
  readonly baseUrl: string;
  readonly tokenUrl: string;
  /** Sent as X-Version on every request. */
  readonly version: string;
  /** Whole request, first byte to last. */
  readonly timeoutMs: number;
  /** Longest wait a server may ask for (429); longer ends every request. Default 300. */
  readonly maxWaitSeconds?: number;
  readonly credentials: Credentials;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY (`readProxySettings`); none: direct connections. */
  readonly proxy?: ProxySettings;
  /** Client-side budget for all requests (sliding window). */
  readonly rateLimit: { readonly requests: number; readonly perSeconds: number };
  /** Injected clock (ms), sleep and randomness, for tests. */
  readonly now?: () => number;
  readonly sleep?: Sleep;
  readonly random?: () => number;
  readonly onEvent?: (e: ClientEvent) => void;
  readonly signal?: AbortSignal;
}

export interface ApiTransport {
  /** The base URL without trailing slashes. */
  readonly base: string;
  /** Sends an authenticated request and returns the 2xx answer, or throws the classified ApiError. */
  call(req: Omit<HttpRequest, "auth">, resource?: string): Promise<HttpResponse>;
  /** Parses a 2xx body; a shape problem becomes an ApiError naming the request. */
  read<T>(res: HttpResponse, method: HttpRequest["method"], parse: (body: unknown) => T): T;
  /** The rate budgets in force (configured, with margin, and learned from the server). */
  budgets(): readonly { readonly limit: number; readonly ms: number }[];
  /**
   * Gets a token now (the token request, for `oauth`) and says what kind of credentials these are
   * and what the token response said besides the token. Never returns the token.
   */
  authenticate(): Promise<{ readonly kind: TokenSource["kind"]; readonly grant?: TokenGrant }>;
  /** Closes the connection pool. */
  close(): Promise<void>;
}

const defaultSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

/**
 * Throws a UserError, before any connection, when the base or token URL would carry
 * credentials over plain http to a host that is not loopback (url-policy.ts).
 */
export function openApiTransport(options: ClientOptions): ApiTransport {
  const baseUrl = new URL(options.baseUrl);
  requireSafeForCredentials(baseUrl, "api.baseUrl or JOBSYNC_BASE_URL");
  const tokenUrl = new URL(options.tokenUrl);
  requireSafeForCredentials(tokenUrl, "api.tokenUrl");
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const connections = openDispatchers(options);
  const dispatcherFor = (url: URL) =>
    isLoopbackHost(url.hostname) ? connections.direct : connections.proxied;
  const limiter = new RateLimiter(options.rateLimit, {
    now,
    sleep,
    onWait: (w) => options.onEvent?.({ type: "waiting", reason: w.reason, untilMs: w.untilMs }),
  });
  const common = {
    dispatcherFor,
    limiter,
    version: options.version,
    timeoutMs: options.timeoutMs,
    maxWaitMs: (options.maxWaitSeconds ?? 300) * 1000,
    now,
    sleep,
    random,
    onEvent: options.onEvent,
    signal: options.signal,
  };
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

  return {
    base: options.baseUrl.replace(/\/+$/, ""),
    budgets: () => limiter.budgets(),

    async authenticate() {
      await tokens.getToken(options.signal);
      const grant = tokens.lastGrant?.();
      return { kind: tokens.kind, ...(grant ? { grant } : {}) };
    },

    async call(req, resource) {
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
    },

    read(res, method, parse) {
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
    },

    async close() {
      await connections.close();
    },
  };
}

/**
 * One direct Agent, and an EnvHttpProxyAgent over the given proxy settings (only the settings
 * passed: the injected environment, never process.env behind the caller's back). Loopback hosts
 * always go direct, whatever NO_PROXY says.
 */
export function openDispatchers(options: Pick<ClientOptions, "timeoutMs" | "proxy">): {
  direct: Dispatcher;
  proxied: Dispatcher;
  close(): Promise<void>;
} {
  const agentOptions = {
    connect: { timeout: Math.min(options.timeoutMs, 10_000) },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  };
  const direct = new Agent(agentOptions);
  const proxy = options.proxy ?? {};
  if (!proxy.httpsProxy && !proxy.httpProxy) return { direct, proxied: direct, close: () => direct.close() };
  const proxied = new EnvHttpProxyAgent({
    ...agentOptions,
    httpProxy: proxy.httpProxy ?? "",
    httpsProxy: proxy.httpsProxy ?? "",
    noProxy: proxy.noProxy ?? "",
  });
  return {
    direct,
    proxied,
    close: async () => {
      await Promise.all([direct.close(), proxied.close()]);
    },
  };
}

/** A path segment, encoded. */
export const seg = (s: string): string => encodeURIComponent(s);
