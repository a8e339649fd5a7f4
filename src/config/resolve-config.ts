import path from "node:path";
import { UserError } from "../diagnostics/errors.js";
import { isHttpUrl } from "./config-schema.js";
import type { ResolvedConfig } from "./config-types.js";
import type { JobsyncConfig } from "./define-config.js";

/** Defaults of every config key (contract §4). */
export const CONFIG_DEFAULTS = {
  manifests: "manifests",
  baseUrl: "https://api.app.wdesk.com",
  version: "2026-04-01.processes.preview",
  timeoutMs: 45_000,
  maxWaitSeconds: 300,
  settleSeconds: 35,
  rateLimit: { requests: 1000, perSeconds: 60 },
  parallelism: "auto",
  maxJobsPerRequest: 100,
  timeZone: "UTC",
} as const;

export interface ResolveOptions {
  readonly cwd: string;
  /** Absolute path of the config file, when one was found. */
  readonly configFile?: string;
  /** `--manifests`, relative to cwd. */
  readonly manifests?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * A validated config → ResolvedConfig: defaults filled, manifest paths absolute (relative to
 * the config file's folder, `--manifests` relative to cwd), JOBSYNC_BASE_URL applied.
 */
export function resolveConfig(config: JobsyncConfig, options: ResolveOptions): ResolvedConfig {
  const rootDir = options.configFile ? path.dirname(options.configFile) : options.cwd;
  const configured = config.manifests ?? CONFIG_DEFAULTS.manifests;
  const manifests =
    options.manifests !== undefined
      ? [path.resolve(options.cwd, options.manifests)]
      : (Array.isArray(configured) ? configured : [configured]).map((m) => path.resolve(rootDir, m));
  const baseUrl = trimSlashes(envBaseUrl(options.env) ?? config.api?.baseUrl ?? CONFIG_DEFAULTS.baseUrl);
  return {
    ...(options.configFile ? { configFile: options.configFile } : {}),
    rootDir,
    manifests,
    api: {
      baseUrl,
      tokenUrl: config.api?.tokenUrl ?? `${baseUrl}/oauth2/token`,
      version: config.api?.version ?? CONFIG_DEFAULTS.version,
      timeoutMs: config.api?.timeoutMs ?? CONFIG_DEFAULTS.timeoutMs,
      maxWaitSeconds: config.api?.maxWaitSeconds ?? CONFIG_DEFAULTS.maxWaitSeconds,
      settleSeconds: config.api?.settleSeconds ?? CONFIG_DEFAULTS.settleSeconds,
    },
    rateLimit: {
      requests: config.rateLimit?.requests ?? CONFIG_DEFAULTS.rateLimit.requests,
      perSeconds: config.rateLimit?.perSeconds ?? CONFIG_DEFAULTS.rateLimit.perSeconds,
    },
    parallelism: config.parallelism ?? CONFIG_DEFAULTS.parallelism,
    maxJobsPerRequest: config.maxJobsPerRequest ?? CONFIG_DEFAULTS.maxJobsPerRequest,
    calendars: Object.fromEntries(
      Object.entries(config.calendars ?? {}).map(([name, file]) => [name, path.resolve(rootDir, file)]),
    ),
    timeZone: config.timeZone ?? CONFIG_DEFAULTS.timeZone,
  };
}

function envBaseUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = env.JOBSYNC_BASE_URL?.trim();
  if (!value) return undefined;
  if (!isHttpUrl(value)) {
    // The value is not echoed: a mistyped URL may carry credentials (user:token@host).
    throw new UserError(
      "JOBSYNC_BASE_URL is not an http(s) URL",
      "Set it like https://api.app.wdesk.com (EU: https://api.eu.wdesk.com, APAC: https://api.apac.wdesk.com).",
    );
  }
  return value;
}

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, "");
}
