/**
 * Reading the live state: resolve every manifest target and GET each distinct run once,
 * `parallelism` at a time (the client's rate limiter paces the requests themselves), starting as
 * soon as each manifest is known.
 */

import pLimit from "p-limit";
import { ApiError } from "../diagnostics/errors.js";
import { selectsTarget, type TargetSpec, targetKey } from "../input/targets.js";
import type { ProcessesApi } from "./api-types.js";
import type { LiveRun, LiveState, TargetResolution } from "./live-types.js";
import { createProcessReads, type ProcessReads } from "./process-reads.js";
import { resolveTarget } from "./resolve-targets.js";

export interface ReadLiveOptions {
  /** Runs read at once. */
  readonly parallelism: number;
  /**
   * Only read the runs of manifests selected by `--target`: an id matching the resolved run id or
   * the manifest's own `processRun` / `process.id`. Other targets are resolved but not read.
   */
  readonly onlyRunIds?: readonly string[];
  /** Process reads shared with the rest of the plan (templates' `process.*`); default: this reader's own. */
  readonly processes?: ProcessReads;
  /**
   * Called with every run id to read (sorted) once all targets are resolved, and awaited before
   * any run is read (apply --auto-approve locks them here, so its plan read is its fresh read).
   */
  readonly beforeReads?: (runIds: readonly string[]) => Promise<void>;
}

/**
 * Reads live state while the manifests are still being read: `add` starts resolving a target and
 * reading its run at once (each target and each run once, `parallelism` at a time), so downloading
 * overlaps parsing; `finish` waits for what the manifests' targets need. Failures (ApiError) are kept
 * until `finish`, so manifest errors found meanwhile are reported first.
 */
export interface LiveReader {
  add(target: TargetSpec): void;
  finish(targets: readonly TargetSpec[]): Promise<LiveState>;
}

type RunRead = LiveRun | TargetResolution;

export function createLiveReader(api: ProcessesApi, options: ReadLiveOptions): LiveReader {
  const limit = pLimit(Math.max(1, options.parallelism));
  const processes = options.processes ?? createProcessReads(api);
  const only = options.onlyRunIds;
  const resolutions = new Map<string, Promise<TargetResolution>>();
  const reads = new Map<string, Promise<RunRead>>();

  const readRun = (id: string): Promise<RunRead> => {
    let read = reads.get(id);
    if (!read) {
      read = limit(async (): Promise<RunRead> => {
        try {
          return await api.getProcessRun(id);
        } catch (error) {
          if (error instanceof ApiError && error.status === 404) {
            return { ok: false, message: `process run ${id} not found (HTTP 404)` };
          }
          throw error;
        }
      });
      read.catch(() => undefined); // kept for finish(); not an unhandled rejection meanwhile
      reads.set(id, read);
    }
    return read;
  };
  const selected = (target: TargetSpec, runId: string) =>
    !only || selectsTarget(only, target, runId).length > 0;

  const add = (target: TargetSpec): void => {
    const key = targetKey(target);
    if (resolutions.has(key)) return;
    // Name lookups wait for the shared process list (outside the limit, so they hold no slot).
    const resolution =
      target.type === "processName"
        ? resolveTarget(target, processes)
        : limit(() => resolveTarget(target, processes));
    resolution
      .then((t) => {
        if (t.ok && selected(target, t.runId) && !options.beforeReads) void readRun(t.runId);
      })
      .catch(() => undefined);
    resolutions.set(key, resolution);
  };

  return {
    add,
    async finish(wanted) {
      for (const target of wanted) add(target);
      processes.flush();
      const targets = new Map<string, TargetResolution>();
      for (const target of wanted) {
        const key = targetKey(target);
        if (!targets.has(key)) targets.set(key, await (resolutions.get(key) as Promise<TargetResolution>));
      }
      const runIds = new Set<string>();
      for (const target of wanted) {
        const t = targets.get(targetKey(target));
        if (t?.ok && selected(target, t.runId)) runIds.add(t.runId);
      }
      await options.beforeReads?.([...runIds].sort());
      const runs = new Map<string, LiveRun>();
      const missing = new Map<string, TargetResolution>();
      // Every read starts before any is awaited (after apply's locks none has started yet).
      const pending = [...runIds].map((id) => [id, readRun(id)] as const);
      for (const [id, read] of pending) {
        const value = await read;
        if ("root" in value) runs.set(id, value);
        else missing.set(id, value);
      }
      const resolved = new Map<string, TargetResolution>();
      for (const [key, t] of targets) resolved.set(key, t.ok ? (missing.get(t.runId) ?? t) : t);
      return { runs, targets: resolved };
    },
  };
}

/** Resolves every target and reads each distinct run once. */
export function readLiveState(
  targets: readonly TargetSpec[],
  api: ProcessesApi,
  options: ReadLiveOptions,
): Promise<LiveState> {
  return createLiveReader(api, options).finish(targets);
}
