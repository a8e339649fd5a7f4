/**
 * The planner refuses a run that no longer accepts job runs (`complete`, `cancelled`,
 * `cancelling`): a plan error at the manifest's target, and no RunPlan. Other statuses plan.
 */
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../src/diagnostics/diagnostic.js";
import { planChanges } from "../src/plan/planner.js";
import { desired, job, liveRun, liveState, manifest, wantJob } from "./helpers/builders.js";

const options = { maxJobsPerRequest: 100 };

function planWithStatus(status: string) {
  const run = liveRun({ id: "run-1", status, children: [job("Kickoff", { id: "k1" })] });
  return planChanges(
    desired(manifest({ target: "run-1", jobs: [wantJob("Next")] })),
    liveState([run]),
    options,
  );
}

describe("planner: run status", () => {
  it.each(["cancelled", "cancelling", "complete"])("refuses a %s run", (status) => {
    const { plan, diagnostics } = planWithStatus(status);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      `manifests/test.yaml:4:1: process run run-1 is ${status}; job runs can only be added to a running run`,
    ]);
    expect(plan.processRuns).toEqual([]);
  });

  it("plans a running run", () => {
    const { plan, diagnostics } = planWithStatus("inProgress");
    expect(diagnostics).toEqual([]);
    expect(plan.processRuns.map((r) => r.id)).toEqual(["run-1"]);
  });
});
