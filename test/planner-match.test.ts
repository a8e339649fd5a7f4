/**
 * The planner's matching and reporting at their edges: several live job runs of one identity,
 * groups by id that are not there, the list of existing groups (none, exactly five, more), group
 * paths two deep, read-only groups, template provenance on the planned job, targets that were
 * not looked up or not read, and the plan's keys when a manifest or run has no name.
 */
import { describe, expect, it } from "vitest";
import type { LiveNode } from "../src/api/live-types.js";
import { formatDiagnostic } from "../src/diagnostics/diagnostic.js";
import type { DesiredEntry, DesiredJob } from "../src/manifest/desired-types.js";
import { planChanges } from "../src/plan/planner.js";
import {
  desired,
  group,
  job,
  liveRun,
  liveState,
  manifest,
  wantGroup,
  wantJob,
  wantRef,
} from "./helpers/builders.js";

const options = { maxJobsPerRequest: 100 };

function plan(children: readonly LiveNode[], jobs: readonly DesiredEntry[], run: { status?: string } = {}) {
  return planChanges(
    desired(manifest({ target: "run-1", jobs })),
    liveState([liveRun({ id: "run-1", children, ...run })]),
    options,
  );
}

const errors = (children: readonly LiveNode[], jobs: readonly DesiredEntry[]) =>
  plan(children, jobs).diagnostics.map(formatDiagnostic);

const created = (result: ReturnType<typeof plan>) =>
  result.plan.processRuns.flatMap((r) => r.insertions.flatMap((i) => i.jobs.map((j) => j.arguments)));

describe("matching jobs of one identity", () => {
  it("takes each live job run of the identity once, in order", () => {
    const result = plan(
      [job("Review", { id: "r1" }), job("Review", { id: "r2" })],
      [wantJob("Review"), wantJob("Review")],
    );
    expect(result.diagnostics).toEqual([]);
    expect(created(result)).toEqual([]);
    expect(result.plan.processRuns[0]?.duplicates ?? []).toEqual([]);
  });

  it("creates only the ones the live run lacks", () => {
    const result = plan(
      [job("Review", { id: "r1" })],
      [wantJob("Review"), wantJob("Review"), wantJob("Review")],
    );
    expect(result.diagnostics).toEqual([]);
    expect(created(result)).toHaveLength(2);
  });
});

describe("groups that cannot be matched", () => {
  it("names a group id that is not a direct child", () => {
    expect(errors([group("A", [], { id: "g1" })], [wantGroup({ id: "ghost" }, [])])).toEqual([
      'manifests/test.yaml:6:5: group id "ghost" is not a direct child of the root group',
    ]);
  });

  it("says when there are no group runs at all", () => {
    expect(errors([job("Kickoff")], [wantGroup("Missing", [])])).toEqual([
      'manifests/test.yaml:6:5: group "Missing" not found in the root group (it has no group runs); groups cannot be created, create it in Workiva first',
    ]);
  });

  it("lists five existing groups, then how many more", () => {
    const groups = (n: number) =>
      Array.from({ length: n }, (_, i) => group(`G${i + 1}`, [], { id: `g${i}` }));
    expect(errors(groups(5), [wantGroup("Missing", [])])).toEqual([
      'manifests/test.yaml:6:5: group "Missing" not found in the root group (existing group runs: "G1", "G2", "G3", "G4", "G5"); groups cannot be created, create it in Workiva first',
    ]);
    expect(errors(groups(7), [wantGroup("Missing", [])])).toEqual([
      'manifests/test.yaml:6:5: group "Missing" not found in the root group (existing group runs: "G1", "G2", "G3", "G4", "G5" and 2 more); groups cannot be created, create it in Workiva first',
    ]);
  });

  it("names a group two deep by its whole path", () => {
    const live = [group("Outer", [group("Inner", [job("A")], { id: "in" })], { id: "out" })];
    expect(errors(live, [wantGroup("Outer", [wantGroup("Inner", [wantRef({ title: "Nope" })])])])).toEqual([
      'manifests/test.yaml:8:5: ref title "Nope" not found in group "Outer / Inner"',
    ]);
  });

  it("follows a ref to a group without descending into it, and reports no drift for refs", () => {
    const live = [
      group("Approvals", [job("Inside")], { id: "g1" }),
      job("Manual", { triggerType: "manual" }),
    ];
    const result = plan(live, [
      wantRef({ title: "Approvals" }),
      wantRef({ title: "Manual" }),
      wantJob("New"),
    ]);
    expect(result.diagnostics).toEqual([]);
    expect(result.plan.processRuns[0]?.drift).toEqual([]);
    expect(created(result)).toHaveLength(1);
  });
});

describe("read-only groups", () => {
  const live = [group("Locked", [job("A", { id: "a" })], { id: "lk", readOnly: true })];

  it("are fine while nothing is added to them", () => {
    expect(plan(live, [wantGroup("Locked", [wantJob("A")])]).diagnostics).toEqual([]);
  });

  it("refuse an addition, at the first missing job (an error)", () => {
    const result = plan(live, [wantGroup("Locked", [wantJob("A"), wantJob("B")])]);
    expect(result.diagnostics.map((d) => d.severity)).toEqual(["error"]);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'manifests/test.yaml:8:5: group "Locked" is read-only; job runs cannot be added to it',
    ]);
    expect(result.plan.processRuns).toEqual([]);
  });
});

describe("the planned job's source", () => {
  const templated = (template: DesiredJob["template"]): DesiredJob => ({ ...wantJob("T"), template });

  it("carries a template's place and expressions", () => {
    const result = plan(
      [],
      [templated({ place: "target 2 · entities[1]", expressions: { dueDate: "workday(3)" } })],
    );
    const source = result.plan.processRuns[0]?.insertions[0]?.jobs[0]?.source;
    expect(source).toStrictEqual({
      file: "manifests/test.yaml",
      line: 6,
      place: "target 2 · entities[1]",
      expressions: { dueDate: "workday(3)" },
    });
  });

  it("leaves out an empty place and no expressions", () => {
    for (const job of [templated({ place: "", expressions: {} }), wantJob("T")]) {
      const source = plan([], [job]).plan.processRuns[0]?.insertions[0]?.jobs[0]?.source;
      expect(source).toStrictEqual({ file: "manifests/test.yaml", line: 6 });
    }
  });
});

describe("targets and the plan's keys", () => {
  it("reports a target that was not looked up, and a run that was not read, as errors", () => {
    const result = planChanges(
      desired(
        manifest({ target: "run-x", jobs: [wantJob("A")], file: "manifests/a.yaml" }),
        manifest({ target: "run-y", jobs: [wantJob("A")], file: "manifests/b.yaml" }),
      ),
      liveState([], { "processRun:run-y": { ok: true, runId: "run-y" } }),
      options,
    );
    expect(result.diagnostics.map((d) => d.severity)).toEqual(["error", "error"]);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      "manifests/a.yaml:4:1: process run run-x was not looked up",
      "manifests/b.yaml:4:1: process run run-y was not read",
    ]);
    expect(result.plan.processRuns).toEqual([]);
  });

  it("counts the jobs a finished run lacks", () => {
    const result = plan([], [wantJob("A"), wantJob("B")], { status: "complete" });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      "manifests/test.yaml:4:1: process run run-1 is complete but lacks 2 job runs of the manifest; job runs can only be added to a running run",
    ]);
    expect(result.diagnostics[0]?.severity).toBe("error");
  });

  it("orders the runs by manifest file, and has no name or status keys when there are none", () => {
    const files = ["d", "c", "b", "a"];
    const result = planChanges(
      desired(
        ...files.map((f) =>
          manifest({ target: `run-${f}`, jobs: [wantJob("A")], file: `manifests/${f}.yaml` }),
        ),
      ),
      liveState(files.map((f) => liveRun({ id: `run-${f}` }))),
      options,
    );
    expect(result.plan.processRuns.map((r) => r.id)).toEqual(["run-a", "run-b", "run-c", "run-d"]);
    const first = result.plan.processRuns[0];
    expect(Object.keys(first?.manifests[0] ?? {})).toEqual(["file"]);
    expect("name" in (first ?? {})).toBe(false);
    expect("status" in (first ?? {})).toBe(false);
  });
});
