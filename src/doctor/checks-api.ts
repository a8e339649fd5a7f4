/**
 * The checks that talk to the API, each needing the one before: a connection (TLS for https,
 * with the error code on failure), the credentials (the token request: `expires_in` and `scope`
 * when the response carries them, never the token), `X-Version` accepted by a first small read,
 * and the rate budget when the server advertises one.
 */

import type { HttpResponse } from "../api/http.js";
import type { ProbeClient } from "../api/probe-client.js";
import type { ProxyRoute } from "../api/proxy-route.js";
import type { ResolvedConfig } from "../config/config-types.js";
import { readCredentials } from "../config/credentials.js";
import { ApiError } from "../diagnostics/errors.js";
import type { StepResult } from "./check-list.js";
import { errorWords } from "./error-words.js";
import type { CheckStatus } from "./report-types.js";

/** Network error codes that mean the certificate (or the TLS handshake) was refused. */
const TLS_HINT =
  "the certificate was refused: if a proxy or gateway re-signs TLS, point NODE_EXTRA_CA_CERTS at its CA certificate";

export async function tlsCheck(probe: ProbeClient, base: URL, route: ProxyRoute): Promise<StepResult<true>> {
  const result = await probe.connect();
  const https = base.protocol === "https:";
  if (result.ok) {
    return {
      status: "ok",
      detail: https
        ? `TLS connection to ${base.host} established (HTTP ${result.status} without a token)`
        : `connected to ${base.host} over plain http, no TLS (HTTP ${result.status} without a token)`,
      value: true,
    };
  }
  const certificate = /CERT|SELF_SIGNED|ERR_TLS|ERR_SSL|UNABLE_TO|ALTNAME|EPROTO/i.test(result.code);
  return {
    status: "fail",
    detail: `could not connect to ${base.host}${route.via === "proxy" ? ` through the proxy ${route.proxy}` : ""}: ${result.code}${result.message ? ` (${result.message})` : ""}${certificate ? `; ${TLS_HINT}` : ""}`,
  };
}

export async function credentialsCheck(
  probe: ProbeClient,
  env: Readonly<Record<string, string | undefined>>,
  config: ResolvedConfig,
): Promise<StepResult<"oauth" | "static">> {
  const credentials = readCredentials(env);
  if (credentials.type === "none") {
    return {
      status: "fail",
      detail:
        "no credentials: set WORKIVA_CLIENT_ID and WORKIVA_CLIENT_SECRET, or JOBSYNC_TOKEN (read from the environment only)",
    };
  }
  if (credentials.type === "token") {
    return {
      status: "ok",
      detail: "JOBSYNC_TOKEN is set (a ready token, not refreshed; the first read checks it)",
      value: "static",
    };
  }
  const { grant } = await probe.authenticate();
  const tokenPath = new URL(config.api.tokenUrl).pathname;
  const parts = [`token obtained from ${tokenPath} for WORKIVA_CLIENT_ID`];
  if (grant?.expiresInSeconds !== undefined) parts.push(`expires in ${grant.expiresInSeconds} s`);
  else parts.push("the response gave no expires_in");
  if (grant?.scope !== undefined) parts.push(`scope: ${grant.scope || "(empty)"}`);
  const scopes = grant?.scope?.split(/\s+/).filter((s) => s !== "");
  const lacksRead = scopes !== undefined && !scopes.includes("file:read");
  if (lacksRead) parts.push("it lacks file:read, which every read needs");
  return { status: lacksRead ? "warn" : "ok", detail: parts.join("; "), value: "oauth" };
}

/** Statuses a server may answer an unsupported version with. */
const VERSION_STATUSES = new Set([400, 404, 406, 412, 415, 422]);

export async function versionCheck(
  probe: ProbeClient,
  config: ResolvedConfig,
): Promise<StepResult<HttpResponse>> {
  const version = config.api.version;
  try {
    const res = await probe.firstRead();
    return {
      status: "ok",
      detail: `X-Version ${version} accepted (GET ${readablePath(res.path)}: HTTP ${res.status})`,
      value: res,
    };
  } catch (error) {
    if (
      error instanceof ApiError &&
      error.status !== undefined &&
      VERSION_STATUSES.has(error.status) &&
      /version/i.test(error.message)
    ) {
      return {
        status: "fail",
        detail: `the API refused X-Version ${version} (HTTP ${error.status}): ${error.message}. Set api.version to a version the API serves`,
      };
    }
    return { status: "fail", detail: `the first read failed: ${errorWords(error)}` };
  }
}

export interface AdvertisedBudget {
  readonly requests: number;
  /** Undefined when the server gives the limit but not its window. */
  readonly perSeconds?: number;
  readonly header: string;
}

/** A budget from `RateLimit-Policy` (`100;w=60`), `RateLimit-Limit` or `X-RateLimit-Limit`. */
export function advertisedBudget(headers: HttpResponse["headers"]): AdvertisedBudget | undefined {
  const first = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const policy = first("ratelimit-policy") ?? first("x-ratelimit-policy");
  const m = policy?.match(/^\s*(\d+)\s*;\s*w\s*=\s*(\d+)/);
  if (m) return { requests: Number(m[1]), perSeconds: Number(m[2]), header: "RateLimit-Policy" };
  for (const name of ["ratelimit-limit", "x-ratelimit-limit"]) {
    const v = first(name)?.match(/^\s*(\d+)/);
    if (v) return { requests: Number(v[1]), header: name };
  }
  return undefined;
}

/**
 * The server's budget, advertised in the first read's headers or learned from its 429s during
 * the doctor's reads (`budgets()` past the configured one), against the configured `rateLimit`.
 */
export function budgetCheck(
  first: HttpResponse,
  learned: readonly { readonly limit: number; readonly ms: number }[],
  config: ResolvedConfig,
): { readonly status: CheckStatus; readonly detail: string } {
  const configured = `config rateLimit: ${config.rateLimit.requests} per ${config.rateLimit.perSeconds} s`;
  const advertised = advertisedBudget(first.headers);
  const fromServer = learned.slice(1);
  if (advertised) {
    const perSeconds = advertised.perSeconds;
    const over =
      perSeconds !== undefined &&
      config.rateLimit.requests / config.rateLimit.perSeconds > advertised.requests / perSeconds;
    return {
      status: over ? "warn" : "ok",
      detail:
        `the server advertises ${advertised.requests}${perSeconds !== undefined ? ` per ${perSeconds} s` : " requests"} (${advertised.header}); ${configured}` +
        (over ? "; lower rateLimit to the server's budget" : ""),
    };
  }
  if (fromServer.length > 0) {
    const b = fromServer.map((w) => `${w.limit} per ${Math.round(w.ms / 100) / 10} s`).join(", ");
    return { status: "warn", detail: `learned from the server's 429 answers: ${b}; ${configured}` };
  }
  return { status: "skipped", detail: `the server advertises no rate budget; ${configured}` };
}

/** `/processes?$maxpagesize=1` rather than `%24maxpagesize` (a malformed escape is shown as sent). */
function readablePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
