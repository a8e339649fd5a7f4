import type { PlanSummary, RunPlan } from "./plan-types.js";

/** The plan's derived counts, computed from its run plans. */
export function summarize(runs: readonly RunPlan[]): PlanSummary {
  let create = 0;
  let requests = 0;
  let processRuns = 0;
  let drift = 0;
  let outOfOrder = 0;
  let unmanaged = 0;
  let duplicates = 0;
  for (const run of runs) {
    for (const insertion of run.insertions) create += insertion.jobs.length;
    requests += run.insertions.length;
    if (run.insertions.length > 0) processRuns += 1;
    drift += run.drift.length;
    outOfOrder += run.outOfOrder.length;
    unmanaged += run.unmanaged;
    duplicates += run.duplicates.length;
  }
  return {
    create,
    requests,
    processRuns,
    inSync: runs.length - processRuns,
    drift,
    outOfOrder,
    unmanaged,
    duplicates,
  };
}
