import { UserError } from "../diagnostics/errors.js";

/** Proxy settings from the environment (`https_proxy` before `HTTPS_PROXY`, as curl and undici read them). */
export interface ProxySettings {
  /** For https URLs; when unset, `httpProxy` is used for them too. */
  readonly httpsProxy?: string;
  readonly httpProxy?: string;
  /** Comma- or space-separated hosts (`host`, `.domain`, `host:port`, `*`) reached directly. */
  readonly noProxy?: string;
}

const PROXY_PROTOCOLS = new Set(["http:", "https:", "socks:", "socks5:"]);

/**
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY (either case) from `env`. A value that is not a proxy
 * URL is a UserError naming the variable, never echoing it (it may carry a password).
 */
export function readProxySettings(env: Readonly<Record<string, string | undefined>>): ProxySettings {
  const httpsProxy = proxyUrl(env, "https_proxy", "HTTPS_PROXY");
  const httpProxy = proxyUrl(env, "http_proxy", "HTTP_PROXY");
  const noProxy = pick(env, "no_proxy", "NO_PROXY")?.value;
  return {
    ...(httpsProxy ? { httpsProxy } : {}),
    ...(httpProxy ? { httpProxy } : {}),
    ...(noProxy ? { noProxy } : {}),
  };
}

function pick(
  env: Readonly<Record<string, string | undefined>>,
  lower: string,
  upper: string,
): { name: string; value: string } | undefined {
  for (const name of [lower, upper]) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

function proxyUrl(
  env: Readonly<Record<string, string | undefined>>,
  lower: string,
  upper: string,
): string | undefined {
  const found = pick(env, lower, upper);
  if (!found) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(found.value);
  } catch {
    url = undefined;
  }
  if (!url || !PROXY_PROTOCOLS.has(url.protocol) || url.hostname === "") {
    throw new UserError(
      `${found.name} is not a proxy URL`,
      `Set it like http://proxy.example.com:3128 (http, https or socks5), or unset it.`,
    );
  }
  return found.value;
}
