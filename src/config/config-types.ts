/** The resolved configuration every command works from (defaults filled, paths absolute). */
export interface ResolvedConfig {
  /** The config file, when one was found. */
  readonly configFile?: string;
  /** Directory paths are relative to (the config file's folder, else the working directory). */
  readonly rootDir: string;
  /** Absolute folders or glob patterns. */
  readonly manifests: readonly string[];
  readonly api: {
    readonly baseUrl: string;
    readonly tokenUrl: string;
    readonly version: string;
    readonly timeoutMs: number;
    readonly maxWaitSeconds: number;
    readonly settleSeconds: number;
  };
  readonly rateLimit: { readonly requests: number; readonly perSeconds: number };
  /** Requests in flight at most, or `auto` (rate budget × observed latency). */
  readonly parallelism: number | "auto";
  readonly maxJobsPerRequest: number;
  /** Calendar name → absolute path of its file. */
  readonly calendars: Readonly<Record<string, string>>;
  /** IANA name; `UTC` by default. */
  readonly timeZone: string;
}

/** Credentials, from the environment only. Never printed. */
export type Credentials =
  | { readonly type: "clientCredentials"; readonly clientId: string; readonly clientSecret: string }
  | { readonly type: "token"; readonly token: string }
  | { readonly type: "none" };

/** Reads at once while planning: the `parallelism` number, or 8 for `auto` (reads are few and small). */
export function readConcurrency(parallelism: number | "auto"): number {
  return parallelism === "auto" ? 8 : parallelism;
}
