/**
 * The shape of a jobsync config file (`jobsync.config.ts`, `.jobsyncrc*`, …). Every key is
 * optional; see the defaults in the README. Credentials are never read from config files: set
 * WORKIVA_CLIENT_ID + WORKIVA_CLIENT_SECRET, or JOBSYNC_TOKEN, in the environment.
 */
export interface JobsyncConfig {
  /** Manifest folder(s), file(s) or glob(s), relative to the config file. Default `"manifests"`. */
  manifests?: string | string[];
  api?: {
    /** Default `https://api.app.wdesk.com`; the JOBSYNC_BASE_URL environment variable overrides it. */
    baseUrl?: string;
    /** Default `<baseUrl>/oauth2/token`. */
    tokenUrl?: string;
    /** Sent as `X-Version`. Default `2026-04-01.processes.preview`. */
    version?: string;
    /** Whole request, first byte to last. Default 45000 (above the API's 29 s server limit). */
    timeoutMs?: number;
    /** Longest wait a server may ask for (429); longer ends the command at once. Default 300. */
    maxWaitSeconds?: number;
    /** How long an ambiguous POST is watched for a late commit before anything is re-sent. Default 35. */
    settleSeconds?: number;
  };
  /** Client-side budget for all requests (sliding window). Default 1000 per 60 seconds. */
  rateLimit?: { requests?: number; perSeconds?: number };
  /** Requests in flight at most, or `"auto"` (rate budget × observed latency). Default `"auto"`. */
  parallelism?: number | "auto";
  /** Longer insertions are split. Default 100. */
  maxJobsPerRequest?: number;
  /** Holiday calendars by name, for a manifest's `calendar:` (paths relative to the config file). */
  calendars?: Record<string, string>;
  /** IANA time zone for `run.created` and "today". Default `UTC`. */
  timeZone?: string;
}

/** Identity function that gives a config file types: `export default defineConfig({ … })`. */
export function defineConfig(config: JobsyncConfig): JobsyncConfig {
  return config;
}
