/**
 * A saved plan is applied only if every run it covers is still as it was planned from: each run is
 * re-read and its structural fingerprint compared with the one saved in the plan.
 */
import pLimit from "p-limit";
import type { ProcessesApi } from "../api/api-types.js";
import type { Plan } from "../plan/plan-types.js";

export interface StaleRun {
  readonly runId: string;
  /** Fingerprint saved in the plan. */
  readonly planned: string;
  /** Fingerprint now. */
  readonly live: string;
}

/**
 * Re-reads every run of the plan (in sync or not: the plan is the reviewed picture of all of them)
 * and returns those whose fingerprint changed, in plan order. API failures are thrown (ApiError).
 */
export async function checkStale(plan: Plan, api: ProcessesApi, parallelism: number): Promise<StaleRun[]> {
  const limit = pLimit(Math.max(1, parallelism));
  const results = await Promise.all(
    plan.processRuns.map((run) =>
      limit(async (): Promise<StaleRun | undefined> => {
        const live = await api.getProcessRun(run.id);
        return live.fingerprint === run.fingerprint
          ? undefined
          : { runId: run.id, planned: run.fingerprint, live: live.fingerprint };
      }),
    ),
  );
  return results.filter((r): r is StaleRun => r !== undefined);
}
