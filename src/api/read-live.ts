/**
 * Reading the live state: resolve every manifest target, then GET each distinct run once,
 * `parallelism` at a time (the client's rate limiter paces the requests themselves).
 */

import pLimit from "p-limit";
import { ApiError } from "../diagnostics/errors.js";
import { type DesiredState, selectsTarget, targetKey } from "../manifest/desired-types.js";
import type { ProcessesApi } from "./api-types.js";
import type { LiveRun, LiveState, TargetResolution } from "./live-types.js";
import { resolveTargets } from "./resolve-targets.js";

export interface ReadLiveOptions {
  /** Runs read at once. */
  readonly parallelism: number;
  /**
   * Only read the runs of manifests selected by `--target`: an id matching the resolved run id or
   * the manifest's own `processRun` / `process.id`. Other targets are resolved but not read.
   */
  readonly onlyRunIds?: readonly string[];
}

export async function readLiveState(
  desired: DesiredState,
  api: ProcessesApi,
  options: ReadLiveOptions,
): Promise<LiveState> {
  const targets = await resolveTargets(
    desired.manifests.map((m) => m.target),
    api,
  );
  const only = options.onlyRunIds;
  const runIds = [
    ...new Set(
      desired.manifests.flatMap((m) => {
        const t = targets.get(targetKey(m.target));
        return t?.ok && (!only || selectsTarget(only, m.target, t.runId).length > 0) ? [t.runId] : [];
      }),
    ),
  ];
  const limit = pLimit(Math.max(1, options.parallelism));
  const read = await Promise.all(
    runIds.map((id) =>
      limit(async (): Promise<[string, LiveRun | TargetResolution]> => {
        try {
          return [id, await api.getProcessRun(id)];
        } catch (error) {
          if (error instanceof ApiError && error.status === 404) {
            return [id, { ok: false, message: `process run ${id} not found (HTTP 404)` }];
          }
          throw error;
        }
      }),
    ),
  );
  const runs = new Map<string, LiveRun>();
  const missing = new Map<string, TargetResolution>();
  for (const [id, value] of read) {
    if ("root" in value) runs.set(id, value);
    else missing.set(id, value);
  }
  const resolved = new Map<string, TargetResolution>();
  for (const m of desired.manifests) {
    const key = targetKey(m.target);
    const t = targets.get(key);
    if (!t) continue;
    resolved.set(key, t.ok ? (missing.get(t.runId) ?? t) : t);
  }
  return { runs, targets: resolved };
}
