/**
 * firstPlanDifference word for word (contract §9.8): a saved plan is applied only when it is what
 * the manifests give now; otherwise the first difference is named, in this order: runs the saved
 * plan writes, their insertion counts, each insertion's position, job count, bodies (canonical:
 * key order and undefined values do not count) and `starts at once`; then runs only now writes.
 */
import { describe, expect, it } from "vitest";
import { desired, job, liveRun, liveState, manifest, wantJob, wantRef } from "../../test/helpers/builders.js";
import { firstPlanDifference } from "./compare-plans.js";
import type { Insertion, Plan } from "./plan-types.js";
import { planChanges } from "./planner.js";

/** Two insertions in run-1: A and B before Kickoff, then C after it; run-2 gets D. */
function base(): Plan {
  const live = liveState([
    liveRun({ id: "run-1", children: [job("Kickoff", { id: "k1" })] }),
    liveRun({ id: "run-2", children: [] }),
  ]);
  const jobs = [wantJob("A"), wantJob("B"), wantRef({ title: "Kickoff" }), wantJob("C")];
  const { plan } = planChanges(
    desired(
      manifest({ target: "run-1", jobs, file: "manifests/a.yaml" }),
      manifest({ target: "run-2", jobs: [wantJob("D")], file: "manifests/b.yaml" }),
    ),
    live,
    { maxJobsPerRequest: 100 },
  );
  return structuredClone(plan);
}

type Edit = (plan: { processRuns: { insertions: Insertion[] }[] }) => void;
const differs = (edit: Edit, on: "saved" | "now" = "now") => {
  const saved = base();
  const now = base();
  edit((on === "saved" ? saved : now) as unknown as Parameters<Edit>[0]);
  return firstPlanDifference(saved, now);
};
// biome-ignore lint/suspicious/noExplicitAny: the tests edit plans freely, as a hand would.
const ins = (p: Parameters<Edit>[0], run: number, i: number): any => p.processRuns[run]?.insertions[i];
const at1 = "process run run-1, insertion 1";

describe("firstPlanDifference", () => {
  it("finds none between two plans of the same manifests", () => {
    expect(base().processRuns.map((r) => r.insertions.length)).toEqual([2, 1]);
    expect(differs(() => {})).toBeUndefined();
  });

  it.each([
    ["parentGroupId", "g9"],
    ["relativeSiblingId", "elsewhere"],
    ["before", false],
  ])("names another position (%s)", (field, value) => {
    expect(differs((p) => (ins(p, 0, 0)[field] = value))).toBe(
      `${at1}: the saved plan inserts at another position than the manifests give now`,
    );
  });

  it("names another number of job runs in an insertion", () => {
    expect(differs((p) => ins(p, 0, 0).jobs.pop())).toBe(
      `${at1}: the saved plan creates 2 job runs there, the manifests now 1`,
    );
  });

  it("names another job by position and title, or the same title with other arguments", () => {
    expect(differs((p) => (ins(p, 0, 0).jobs[1].arguments.sendTaskArgs.title = "Z"))).toBe(
      `${at1}: job 2 is sendTask "B" in the saved plan but sendTask "Z" from the manifests now`,
    );
    expect(differs((p) => (ins(p, 0, 0).jobs[0].arguments.sendTaskArgs.dueDate = "2026-01-02"))).toBe(
      `${at1}: job 1 is sendTask "A" in the saved plan but sendTask "A" with other arguments from the manifests now`,
    );
    expect(differs((p) => (ins(p, 0, 0).jobs[0].triggerType = "manual"))).toBe(
      `${at1}: job 1 is sendTask "A" in the saved plan but sendTask "A" with other arguments from the manifests now`,
    );
    expect(differs((p) => (ins(p, 0, 0).jobs[0].action = "sendCertification"))).toBe(
      `${at1}: job 1 is sendTask "A" in the saved plan but sendCertification from the manifests now`,
    );
    expect(
      differs((p) => {
        ins(p, 0, 0).jobs[0].arguments.sendTaskArgs.assignees = [{ id: "u1" }, { id: "u2" }];
      }),
    ).toMatch(/job 1 .* with other arguments/);
  });

  it("compares bodies canonically: key order, undefined values and equal arrays do not count", () => {
    const reorder: Edit = (p) => {
      const a = ins(p, 0, 0).jobs[0].arguments;
      ins(p, 0, 0).jobs[0].arguments = {
        sendTaskArgs: { ...a.sendTaskArgs, gone: undefined, list: [1, { b: 2, a: 1 }] },
        type: a.type,
      };
    };
    const sameList: Edit = (p) => {
      const a = ins(p, 0, 0).jobs[0].arguments;
      ins(p, 0, 0).jobs[0].arguments = {
        ...a,
        sendTaskArgs: { list: [1, { a: 1, b: 2 }], ...a.sendTaskArgs },
      };
    };
    const saved = base();
    const now = base();
    reorder(saved as never);
    sameList(now as never);
    expect(firstPlanDifference(saved, now)).toBeUndefined();
    const other = base();
    reorder(other as never);
    expect(firstPlanDifference(other, base())).toMatch(/with other arguments/);
    // Nested values of another type are another body, not the same.
    const typed = base();
    ins(typed as never, 0, 0).jobs[0].arguments.sendTaskArgs.n = "1";
    const numeric = base();
    ins(numeric as never, 0, 0).jobs[0].arguments.sendTaskArgs.n = 1;
    expect(firstPlanDifference(typed, numeric)).toMatch(/with other arguments/);
    const nested = base();
    ins(nested as never, 0, 0).jobs[0].arguments.sendTaskArgs.n = [1];
    const flat = base();
    ins(flat as never, 0, 0).jobs[0].arguments.sendTaskArgs.n = { 0: 1 };
    expect(firstPlanDifference(nested, flat)).toMatch(/with other arguments/);
  });

  it("names a job that starts at once in one plan and waits in the other", () => {
    expect(differs((p) => (ins(p, 0, 0).jobs[0].startsAtOnce = !ins(p, 0, 0).jobs[0].startsAtOnce))).toMatch(
      /^process run run-1, insertion 1: sendTask "A" (starts at once|waits) in the saved plan but (starts at once|waits) now$/,
    );
    const saved = base();
    const now = base();
    ins(saved as never, 0, 1).jobs[0].startsAtOnce = true;
    ins(now as never, 0, 1).jobs[0].startsAtOnce = false;
    expect(firstPlanDifference(saved, now)).toBe(
      'process run run-1, insertion 2: sendTask "C" starts at once in the saved plan but waits now',
    );
  });

  it("names the second insertion when only it differs", () => {
    expect(differs((p) => (ins(p, 0, 1).before = !ins(p, 0, 1).before))).toBe(
      "process run run-1, insertion 2: the saved plan inserts at another position than the manifests give now",
    );
  });

  it("names runs written by one plan only, and another number of insertions", () => {
    expect(differs((p) => (p.processRuns[1]!.insertions = []))).toBe(
      "process run run-2: the saved plan creates job runs there, the manifests now nothing",
    );
    expect(differs((p) => (p.processRuns[1]!.insertions = []), "saved")).toBe(
      "process run run-2: the manifests now create job runs there, the saved plan nothing",
    );
    expect(differs((p) => p.processRuns[0]!.insertions.pop())).toBe(
      "process run run-1: the saved plan has 2 insertions, the manifests now 1",
    );
  });

  it("ignores runs that write nothing in either plan", () => {
    const saved = base();
    const now = base();
    (saved.processRuns[1] as unknown as { insertions: Insertion[] }).insertions = [];
    (now.processRuns as unknown[]).pop();
    expect(firstPlanDifference(saved, now)).toBeUndefined();
  });
});
