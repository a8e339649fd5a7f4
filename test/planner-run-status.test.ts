/**
 * Only the run's own status decides (§12): `running` and `waiting` are planned; a finished run
 * (`complete`, `cancelled`, `canceled`, `cancelling`, `failed`, `skipped`) that still lacks jobs
 * is a plan error at the manifest's target, one in sync is shown; any other status is an error
 * naming it (fail closed).
 */
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../src/diagnostics/diagnostic.js";
import { planChanges } from "../src/plan/planner.js";
import { desired, job, liveRun, liveState, manifest, wantJob } from "./helpers/builders.js";

const options = { maxJobsPerRequest: 100 };

function planWithStatus(status: string, want = "Next") {
  const run = liveRun({ id: "run-1", status, children: [job("Kickoff", { id: "k1" })] });
  return planChanges(
    desired(manifest({ target: "run-1", jobs: [wantJob(want)] })),
    liveState([run]),
    options,
  );
}

describe("planner: run status", () => {
  it.each(["cancelled", "canceled", "cancelling", "complete", "failed", "skipped"])(
    "refuses a %s run that still lacks jobs",
    (status) => {
      const { plan, diagnostics } = planWithStatus(status);
      expect(diagnostics.map(formatDiagnostic)).toEqual([
        `manifests/test.yaml:4:1: process run run-1 is ${status} but lacks 1 job run of the manifest; job runs can only be added to a running run`,
      ]);
      expect(plan.processRuns).toEqual([]);
    },
  );

  it("shows a finished run that is in sync, with its status", () => {
    const { plan, diagnostics } = planWithStatus("complete", "Kickoff");
    expect(diagnostics).toEqual([]);
    expect(plan.processRuns.map((r) => [r.id, r.status, r.insertions.length])).toEqual([
      ["run-1", "complete", 0],
    ]);
  });

  it.each(["running", "waiting"])("plans a %s run", (status) => {
    const { plan, diagnostics } = planWithStatus(status);
    expect(diagnostics).toEqual([]);
    expect(plan.processRuns.map((r) => r.id)).toEqual(["run-1"]);
  });

  it("refuses a status it does not know, naming it", () => {
    const { diagnostics } = planWithStatus("inProgress");
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'manifests/test.yaml:4:1: process run run-1 has the status "inProgress", which jobsync does not know: it plans only running and waiting runs (fail closed)',
    ]);
  });
});
