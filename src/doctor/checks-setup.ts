/**
 * The checks made before any connection: the config loaded, the manifests' targets, the base
 * and token URLs (scheme, and the https rule of `url-policy.ts` with its loopback exception,
 * refused before connecting), and the proxy in force for them (host only, never credentials).
 */

import { type ProxyRoute, proxyRoute } from "../api/proxy-route.js";
import { isSafeForCredentials } from "../api/url-policy.js";
import type { ResolvedConfig } from "../config/config-types.js";
import { type ProxySettings, readProxySettings } from "../config/proxy-env.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { displayPath } from "../input/display-path.js";
import type { ManifestPart } from "../manifest/load-manifests.js";
import type { StepResult } from "./check-list.js";

export function configCheck(config: ResolvedConfig, cwd: string): StepResult<ResolvedConfig> {
  const where = config.configFile
    ? `loaded ${displayPath(config.configFile, cwd)}`
    : "no config file found: the defaults";
  return { status: "ok", detail: `${where}; API version ${config.api.version}`, value: config };
}

export function manifestsCheck(loaded: {
  readonly parts: readonly ManifestPart[];
  readonly warnings: readonly Diagnostic[];
}): StepResult<readonly ManifestPart[]> {
  const n = loaded.parts.length;
  const templates = loaded.parts.filter((p) => p.kind === "pending").length;
  const warnings = loaded.warnings.length;
  const detail =
    `${n} ${n === 1 ? "target" : "targets"}` +
    (templates > 0 ? ` (${templates} waiting for the API to expand their templates)` : "") +
    (warnings > 0 ? `; ${warnings} ${warnings === 1 ? "warning" : "warnings"} (run jobsync validate)` : "");
  return { status: warnings > 0 ? "warn" : "ok", detail, value: loaded.parts };
}

/** `api.baseUrl` / `api.tokenUrl`: an URL, http(s), and https unless the host is loopback. */
export function urlCheck(value: string, setting: string): StepResult<URL> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { status: "fail", detail: `${setting} is not a URL` };
  }
  const shown = shownUrl(url);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return {
      status: "fail",
      detail: `${shown}: ${url.protocol.replace(/:$/, "")} is not http or https (${setting})`,
    };
  }
  if (!isSafeForCredentials(url)) {
    return {
      status: "fail",
      detail:
        `${shown}: refusing to send credentials over plain http to ${url.host} (${setting}); nothing was sent. ` +
        "Use https; plain http is allowed only to a loopback host (the local emulator)",
    };
  }
  const credentials =
    url.username || url.password
      ? "; it carries login details before the host, which jobsync never sends"
      : "";
  if (url.protocol === "http:") {
    return {
      status: credentials ? "warn" : "ok",
      detail: `${shown}: plain http to a loopback host (the local emulator)${credentials}`,
      value: url,
    };
  }
  return { status: credentials ? "warn" : "ok", detail: `${shown}: https${credentials}`, value: url };
}

/** The proxy settings, and the way to the base URL (and to the token URL when it differs). */
export function proxyCheck(
  env: Readonly<Record<string, string | undefined>>,
  base: URL,
  token: URL | undefined,
): StepResult<ProxySettings> {
  const settings = readProxySettings(env);
  const baseRoute = proxyRoute(base, settings);
  let detail = `${base.host}: ${routeWords(baseRoute)}`;
  if (token && token.host !== base.host)
    detail += `; ${token.host}: ${routeWords(proxyRoute(token, settings))}`;
  return { status: "ok", detail, value: settings };
}

function routeWords(route: ProxyRoute): string {
  if (route.via === "proxy") return `through the proxy ${route.proxy} (${route.variable})`;
  switch (route.reason) {
    case "loopback":
      return "direct (a loopback host is never proxied)";
    case "NO_PROXY":
      return "direct (NO_PROXY)";
    default:
      return "direct (no proxy set)";
  }
}

/** Scheme, host and path of a URL: never its user, password, query or fragment. */
export function shownUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname === "/" ? "" : url.pathname}`;
}
