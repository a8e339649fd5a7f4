import type { ProcessesApi } from "../api/api-types.js";
import type { LiveRun } from "../api/live-types.js";
import { createProcessReads } from "../api/process-reads.js";
import { resolveTarget } from "../api/resolve-targets.js";
import { UserError } from "../diagnostics/errors.js";
import { safeJson } from "../diagnostics/terminal-safe.js";
import { type ImportedManifest, type ImportTarget, importManifest } from "./run-to-manifest.js";

/**
 * `jobsync import` without the CLI: read one process run and build its manifest text.
 * No clock is read: the same run state gives the same text.
 */

export interface ImportRunOptions {
  /** Target the manifest at `process: { name }` instead of the run id; must resolve to this run. */
  readonly processName?: string;
  /** API base URL (credentials and query are stripped before it is written). */
  readonly baseUrl: string;
  readonly schemaRef: string;
}

export interface ImportedRun extends ImportedManifest {
  readonly run: LiveRun;
}

export async function importRun(
  api: ProcessesApi,
  runId: string,
  options: ImportRunOptions,
): Promise<ImportedRun> {
  const run = await api.getProcessRun(runId);
  let target: ImportTarget = { processRun: run.id };
  if (options.processName !== undefined) {
    await checkProcessName(api, options.processName, run.id);
    target = { processName: options.processName };
  }
  const manifest = importManifest(run, {
    target,
    source: sourceLabel(options.baseUrl),
    schemaRef: options.schemaRef,
  });
  return { ...manifest, run };
}

/** `--process-name` must resolve (as plan will resolve it) to the imported run. */
async function checkProcessName(api: ProcessesApi, name: string, runId: string): Promise<void> {
  const byId = "Omit --process-name to target the run by its id.";
  const processes = createProcessReads(api);
  const pending = resolveTarget({ type: "processName", name }, processes);
  processes.flush();
  const resolution = await pending;
  if (!resolution.ok) throw new UserError(`--process-name: ${resolution.message}`, byId);
  if (resolution.runId !== runId) {
    throw new UserError(
      `--process-name: the current run of process ${safeJson(name)} is ${resolution.runId}, not ${runId}`,
      `Import ${resolution.runId} instead, or omit --process-name to target ${runId} by its id.`,
    );
  }
}

/** The base URL without credentials, query or fragment. */
export function sourceLabel(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    url.username = "";
    url.password = "";
    url.search = "";
    url.hash = "";
    return url.toString().replace(/\/$/, "");
  } catch {
    return "(unparsable API base URL)";
  }
}
