import type { LiveRun, LiveState } from "../api/live-types.js";
import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import { describeTarget, selectsTarget, targetKey } from "../input/targets.js";
import type { DesiredManifest, DesiredState } from "../manifest/desired-types.js";
import { planRun } from "./plan-run.js";
import { PLAN_FORMAT_VERSION, type Plan, type RunPlan } from "./plan-types.js";
import { summarize } from "./summary.js";

export interface PlanOptions {
  /** Longest POST body; longer runs of missing jobs are split. */
  readonly maxJobsPerRequest: number;
  /** `--target ID`: plan only these runs (by resolved run id, or a manifest's processRun/process id). */
  readonly onlyRunIds?: readonly string[];
}

export interface PlanResult {
  readonly plan: Plan;
  /** Plan errors (severity "error") with file and line. Do not save or apply a plan when there are any. */
  readonly diagnostics: Diagnostic[];
}

/** Run statuses that accept new job runs (§12): only the run's own status decides. */
export const RUNNING_STATUSES: ReadonlySet<string> = new Set(["running", "waiting"]);
/** Finished runs (both spellings of cancelled): shown when in sync, an error when they lack jobs. */
export const NOT_RUNNING_STATUSES: ReadonlySet<string> = new Set([
  "complete",
  "cancelled",
  "canceled",
  "cancelling",
  "failed",
  "skipped",
]);

function targetError(manifest: DesiredManifest, message: string): Diagnostic {
  const at = manifest.targetSource;
  return { severity: "error", file: at.file, line: at.line, col: at.col, message };
}

/**
 * The planner: matches every manifest to its live process run and computes the insertions,
 * drift, out-of-order entries and unmanaged counts (contract §1, §3). Pure, synchronous and
 * deterministic: no IO, no clock. Runs with plan errors get no RunPlan; the errors are returned
 * as diagnostics in manifest order.
 */
export function planChanges(desired: DesiredState, live: LiveState, options: PlanOptions): PlanResult {
  const only = options.onlyRunIds;
  const diagnostics: Diagnostic[] = [];
  const firstManifestByRun = new Map<string, DesiredManifest>();
  const planned: { file: string; runPlan: RunPlan }[] = [];

  for (const manifest of desired.manifests) {
    const resolution = live.targets.get(targetKey(manifest.target));
    const runId = resolution?.ok ? resolution.runId : undefined;
    if (only && selectsTarget(only, manifest.target, runId).length === 0) continue;
    if (!resolution) {
      diagnostics.push(targetError(manifest, `${describeTarget(manifest.target)} was not looked up`));
      continue;
    }
    if (!resolution.ok) {
      diagnostics.push(targetError(manifest, resolution.message));
      continue;
    }
    const first = firstManifestByRun.get(resolution.runId);
    if (first) {
      diagnostics.push(
        targetError(
          manifest,
          `process run ${resolution.runId} is already targeted by ${first.source.file}:${first.targetSource.line}; ` +
            "each process run must be managed by one manifest",
        ),
      );
      continue;
    }
    firstManifestByRun.set(resolution.runId, manifest);
    const run: LiveRun | undefined = live.runs.get(resolution.runId);
    if (!run) {
      diagnostics.push(targetError(manifest, `process run ${resolution.runId} was not read`));
      continue;
    }
    const status = run.status;
    if (status !== undefined && !RUNNING_STATUSES.has(status) && !NOT_RUNNING_STATUSES.has(status)) {
      diagnostics.push(
        targetError(
          manifest,
          `process run ${run.id} has the status ${JSON.stringify(status)}, which jobsync does not know: it plans only running and waiting runs (fail closed)`,
        ),
      );
      continue;
    }
    const result = planRun(manifest, run, options.maxJobsPerRequest);
    if (status !== undefined && NOT_RUNNING_STATUSES.has(status) && result.runPlan.insertions.length > 0) {
      const missing = result.runPlan.insertions.reduce((n, i) => n + i.jobs.length, 0);
      diagnostics.push(
        targetError(
          manifest,
          `process run ${run.id} is ${status} but lacks ${missing === 1 ? "1 job run" : `${missing} job runs`} of the manifest; job runs can only be added to a running run`,
        ),
      );
      continue;
    }
    for (const d of result.diagnostics) diagnostics.push(d);
    if (!hasErrors(result.diagnostics)) planned.push({ file: manifest.source.file, runPlan: result.runPlan });
  }

  planned.sort((a, b) => compare(a.file, b.file) || compare(a.runPlan.id, b.runPlan.id));
  const processRuns = planned.map((p) => p.runPlan);
  return {
    plan: {
      formatVersion: PLAN_FORMAT_VERSION,
      targets: only ? [...only] : [],
      summary: summarize(processRuns),
      processRuns,
    },
    diagnostics,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
