/**
 * Which way a request to a URL goes with the given proxy settings, by the rules the transport's
 * dispatchers follow (`api-transport.ts`: loopback always direct; otherwise undici's
 * EnvHttpProxyAgent: NO_PROXY entries `host`, `.domain`, `*.domain`, `host:port`, `*`; https URLs
 * through HTTPS_PROXY, else HTTP_PROXY; http URLs through HTTP_PROXY). For `jobsync doctor`.
 * The proxy is named by scheme, host and port only: never its user or password.
 */

import type { ProxySettings } from "../config/proxy-env.js";
import { isLoopbackHost } from "./url-policy.js";

export type ProxyRoute =
  | { readonly via: "direct"; readonly reason: "loopback" | "no proxy set" | "NO_PROXY" }
  | { readonly via: "proxy"; readonly proxy: string; readonly variable: "HTTPS_PROXY" | "HTTP_PROXY" };

const DEFAULT_PORTS: Readonly<Record<string, number>> = { "http:": 80, "https:": 443 };

export function proxyRoute(url: URL, settings: ProxySettings): ProxyRoute {
  if (isLoopbackHost(url.hostname)) return { via: "direct", reason: "loopback" };
  const https = url.protocol === "https:";
  const chosen = https
    ? settings.httpsProxy
      ? { value: settings.httpsProxy, variable: "HTTPS_PROXY" as const }
      : settings.httpProxy
        ? { value: settings.httpProxy, variable: "HTTP_PROXY" as const }
        : undefined
    : settings.httpProxy
      ? { value: settings.httpProxy, variable: "HTTP_PROXY" as const }
      : undefined;
  if (!chosen) return { via: "direct", reason: "no proxy set" };
  if (bypassed(url, settings.noProxy ?? "")) return { via: "direct", reason: "NO_PROXY" };
  return { via: "proxy", proxy: proxyDisplay(chosen.value), variable: chosen.variable };
}

/** `http://proxy.example.com:3128`: scheme, host and port of a proxy URL, nothing else. */
export function proxyDisplay(value: string): string {
  try {
    const u = new URL(value);
    return `${u.protocol}//${u.host}`;
  } catch {
    return "(not a URL)";
  }
}

function bypassed(url: URL, noProxy: string): boolean {
  const entries = noProxy.split(/[,\s]/).filter((e) => e !== "");
  if (entries.length === 0) return false;
  if (noProxy === "*") return true;
  const hostname = url.host.replace(/:\d*$/, "").toLowerCase();
  const port = Number.parseInt(url.port, 10) || DEFAULT_PORTS[url.protocol] || 0;
  return entries.some((entry) => {
    const parsed = entry.match(/^(.+):(\d+)$/);
    const host = (parsed ? (parsed[1] as string) : entry).replace(/^\*?\./, "").toLowerCase();
    const entryPort = parsed ? Number.parseInt(parsed[2] as string, 10) : 0;
    if (entryPort && entryPort !== port) return false;
    return hostname === host || hostname.endsWith(`.${host}`);
  });
}
