/**
 * statusReport's fields for one run: counts by status (`(none)` for none), overdue jobs (due
 * strictly before today and not complete, due dates that are text only), the run's optional name
 * and status (absent, not undefined), its manifests, and Synced / OutOfSync.
 */
import { describe, expect, it } from "vitest";
import { desired, job, liveRun, liveState, manifest, wantJob } from "../../test/helpers/builders.js";
import { planChanges } from "./planner.js";
import { statusReport } from "./status-report.js";

const today = "2026-12-07";

function report(run: Parameters<typeof liveRun>[0], jobs = [wantJob("Old")], live = true) {
  const state = liveState([liveRun(run)]);
  const { plan } = planChanges(desired(manifest({ target: run.id, jobs })), state, {
    maxJobsPerRequest: 100,
  });
  return statusReport(plan, live ? state : liveState([]), today);
}

describe("statusReport", () => {
  it("counts statuses and finds overdue jobs: due before today, not complete, a text date", () => {
    const children = [
      job("Old", { id: "o", status: "running", args: { dueDate: "2026-12-06" } }),
      job("Today", { id: "t", status: "running", args: { dueDate: today } }),
      job("Done", { id: "d", status: "complete", args: { dueDate: "2026-01-01" } }),
      job("Odd", { id: "x", args: { dueDate: 20261201 } }),
    ];
    const r = report({ id: "run-1", children }, [wantJob("Old")]).runs[0];
    expect(r?.byStatus).toStrictEqual({ running: 2, complete: 1, "(none)": 1 });
    expect(r?.overdue).toStrictEqual([{ id: "o", title: "Old", dueDate: "2026-12-06" }]);
  });

  it("has a name and status only when the run has them, and names its manifests", () => {
    const bare = report({ id: "run-1", children: [job("Old")] });
    expect(bare.runs[0]).toStrictEqual({
      id: "run-1",
      manifests: ["manifests/test.yaml"],
      sync: "Synced",
      missing: 0,
      drifted: 0,
      outOfOrder: 0,
      duplicated: 0,
      byStatus: { "(none)": 1 },
      overdue: [],
    });
    expect(bare.outOfSync).toBe(0);
    const named = report({ id: "run-1", name: "Close", status: "running", children: [] }).runs[0];
    expect(named?.name).toBe("Close");
    expect(named?.status).toBe("running");
    expect(named?.sync).toBe("OutOfSync");
    expect(named?.missing).toBe(1);
  });

  it("counts nothing by status for a run that was not read", () => {
    const r = report({ id: "run-1", children: [job("Old", { status: "running" })] }, [wantJob("Old")], false);
    expect(r.runs[0]?.byStatus).toStrictEqual({});
    expect(r.today).toBe(today);
  });
});
