import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../src/diagnostics/diagnostic.js";
import { parsePlan, serializePlan } from "../src/plan/plan-file.js";
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

describe("drift", () => {
  it("reports manifest fields that differ from live, field by field", () => {
    const live = liveRun({
      id: "run-1",
      children: [
        job("Review", {
          args: { assignee: { type: "user", id: "u1" }, dueDate: "2024-12-01", instructions: "live only" },
          triggerType: "manual",
        }),
        job("Same", { args: { assignee: { id: "u2", type: "user" } } }),
      ],
    });
    const result = planChanges(
      desired(
        manifest({
          target: "run-1",
          jobs: [
            wantJob("Review", {
              args: { assignee: { id: "u1", type: "user" }, dueDate: "2024-12-15", document: "d1" },
            }),
            wantJob("Same", { args: { assignee: { id: "u2", type: "user" } } }),
          ],
        }),
      ),
      liveState([live]),
      options,
    );
    expect(result.plan.processRuns[0]!.drift).toEqual([
      {
        jobRunId: "job-Review",
        action: "sendTask",
        title: "Review",
        groupPath: [],
        changes: [
          { field: "dueDate", manifest: "2024-12-15", live: "2024-12-01" },
          { field: "document", manifest: "d1", live: undefined },
          { field: "triggerType", manifest: "whenEligible", live: "manual" },
        ],
        source: { file: "manifests/test.yaml", line: 6 },
      },
    ]);
    expect(result.plan.summary.drift).toBe(1);
  });

  it("does not count an absent live triggerType as drift", () => {
    const live = liveRun({ id: "run-1", children: [job("A")] });
    const result = planChanges(
      desired(manifest({ target: "run-1", jobs: [wantJob("A")] })),
      liveState([live]),
      options,
    );
    expect(result.plan.processRuns[0]!.drift).toEqual([]);
  });
});

describe("unmanaged", () => {
  it("counts non-generated job runs anywhere in the run that no job or ref matched", () => {
    const live = liveRun({
      id: "run-1",
      children: [
        job("Kickoff"),
        job("Loose"),
        job("Gen", { generated: true, action: "certificationSignerGenerated" }),
        group("Managed", [job("M1"), job("M2")]),
        group("Unlisted", [job("U1"), group("Deep", [job("U2")])]),
      ],
    });
    const result = planChanges(
      desired(
        manifest({
          target: "run-1",
          jobs: [wantRef({ title: "Kickoff" }), wantGroup("Managed", [wantJob("M1")])],
        }),
      ),
      liveState([live]),
      options,
    );
    // Loose, M2, U1, U2
    expect(result.plan.processRuns[0]!.unmanaged).toBe(4);
    expect(result.plan.summary.unmanaged).toBe(4);
  });
});

describe("plan errors", () => {
  const live = liveRun({
    id: "run-1",
    children: [
      job("Dup", { id: "d1" }),
      job("Dup", { id: "d2", action: "contentRequest" }),
      group("Approvals"),
      group("Twice", [], { id: "t1" }),
      group("Twice", [], { id: "t2" }),
    ],
  });

  function errorsFor(jobs: Parameters<typeof manifest>[0]["jobs"]) {
    const result = planChanges(desired(manifest({ target: "run-1", jobs })), liveState([live]), options);
    expect(result.plan.processRuns).toEqual([]);
    return result.diagnostics.map(formatDiagnostic);
  }

  it("reports missing and ambiguous refs and groups with file:line:col", () => {
    expect(
      errorsFor([
        wantRef({ title: "Nope" }),
        wantRef({ title: "Dup" }),
        wantRef({ id: "ghost" }),
        wantGroup("Missing", []),
        wantGroup("Twice", []),
        wantGroup({ id: "d1" }, []),
      ]),
    ).toEqual([
      'manifests/test.yaml:6:5: ref title "Nope" not found in the root group',
      'manifests/test.yaml:7:5: ref title "Dup" matches 2 runs in the root group; use ref: { id }',
      'manifests/test.yaml:8:5: ref id "ghost" is not a direct child of the root group',
      'manifests/test.yaml:9:5: group "Missing" not found in the root group (existing group runs: "Approvals", "Twice"); groups cannot be created, create it in Workiva first',
      'manifests/test.yaml:10:5: group "Twice" matches 2 group runs in the root group; use group: { id }',
      'manifests/test.yaml:11:5: group id "d1" names a job run, not a group run, in the root group',
    ]);
  });

  it("reports errors inside groups with the group path, and a group listed twice", () => {
    expect(
      errorsFor([
        wantGroup("Approvals", [wantRef({ title: "X" }, { line: 20 })], { line: 19 }),
        wantGroup({ id: "grp-Approvals" }, [], { line: 30 }),
      ]),
    ).toEqual([
      'manifests/test.yaml:20:5: ref title "X" not found in group "Approvals"',
      'manifests/test.yaml:30:5: group { id: grp-Approvals } names the same group run as the group entry at line 19 (group "Approvals"); ' +
        "each live job run or group run may appear once in a group's jobs",
    ]);
  });

  it("reports target problems at the manifest's target and still plans the other runs", () => {
    const runs = [
      liveRun({ id: "ok-run", children: [] }),
      liveRun({ id: "done-run", status: "complete" }),
      liveRun({ id: "waiting-run", status: "waiting" }),
    ];
    const state = liveState(runs, {
      "process.name:Q4": { ok: false, message: 'no process named "Q4"' },
      "process.id:p1": { ok: true, runId: "ok-run" },
    });
    const result = planChanges(
      desired(
        manifest({ target: "ok-run", file: "a.yaml", jobs: [wantJob("A")] }),
        manifest({ target: { type: "processName", name: "Q4" }, file: "b.yaml", jobs: [] }),
        manifest({ target: "done-run", file: "c.yaml", jobs: [wantJob("C")] }),
        manifest({ target: { type: "processId", id: "p1" }, file: "d.yaml", jobs: [], targetLine: 7 }),
        manifest({ target: "waiting-run", file: "e.yaml", jobs: [] }),
      ),
      state,
      options,
    );
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'b.yaml:4:1: no process named "Q4"',
      "c.yaml:4:1: process run done-run is complete but lacks 1 job run of the manifest; job runs can only be added to a running run",
      "d.yaml:7:1: process run ok-run is already targeted by a.yaml:4; each process run must be managed by one manifest",
    ]);
    expect(result.plan.processRuns.map((r) => r.id)).toEqual(["ok-run", "waiting-run"]);
  });

  it("refuses a ref to a generated job run", () => {
    const gen = liveRun({ id: "run-1", children: [job("Signer", { id: "gen-1", generated: true })] });
    const result = planChanges(
      desired(manifest({ target: "run-1", jobs: [wantRef({ id: "gen-1" })] })),
      liveState([gen]),
      options,
    );
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'manifests/test.yaml:6:5: ref id "gen-1" is a generated job run in the root group; refer to a job run or group run instead',
    ]);
  });

  it("refuses to add job runs to a read-only group", () => {
    const ro = liveRun({ id: "run-1", children: [group("Generated", [], { readOnly: true })] });
    const result = planChanges(
      desired(manifest({ target: "run-1", jobs: [wantGroup("Generated", [wantJob("A")])] })),
      liveState([ro]),
      options,
    );
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'manifests/test.yaml:7:5: group "Generated" is read-only; job runs cannot be added to it',
    ]);
  });
});

describe("plan", () => {
  const runs = [liveRun({ id: "r-b", name: "Run B" }), liveRun({ id: "r-a", children: [job("Kickoff")] })];
  const state = liveState(runs, { "process.id:proc-b": { ok: true, runId: "r-b" } });
  const input = desired(
    manifest({ target: "r-a", file: "m/2.yaml", jobs: [wantRef({ title: "Kickoff" }), wantJob("X")] }),
    manifest({
      target: { type: "processId", id: "proc-b" },
      file: "m/1.yaml",
      name: "b",
      jobs: [wantJob("Y")],
    }),
  );

  it("sorts runs by manifest file and fills run plans and the summary", () => {
    const { plan: p, diagnostics } = planChanges(input, state, options);
    expect(diagnostics).toEqual([]);
    expect(p.processRuns.map((r) => [r.id, r.name, r.fingerprint, r.manifests])).toEqual([
      ["r-b", "Run B", "fp-r-b", [{ file: "m/1.yaml", name: "b" }]],
      ["r-a", undefined, "fp-r-a", [{ file: "m/2.yaml" }]],
    ]);
    expect(p.summary).toEqual({
      create: 2,
      requests: 2,
      processRuns: 2,
      inSync: 0,
      drift: 0,
      outOfOrder: 0,
      unmanaged: 0,
      duplicates: 0,
    });
    expect(p.formatVersion).toBe(2);
    expect(p.targets).toEqual([]);
  });

  it("plans only the selected runs (by run id or by the manifest's process id)", () => {
    expect(
      planChanges(input, state, { ...options, onlyRunIds: ["r-a"] }).plan.processRuns.map((r) => r.id),
    ).toEqual(["r-a"]);
    expect(planChanges(input, state, { ...options, onlyRunIds: ["r-a"] }).plan.targets).toEqual(["r-a"]);
    expect(
      planChanges(input, state, { ...options, onlyRunIds: ["proc-b"] }).plan.processRuns.map((r) => r.id),
    ).toEqual(["r-b"]);
    expect(planChanges(input, state, { ...options, onlyRunIds: ["other"] }).plan.processRuns).toEqual([]);
  });

  it("saves a plan that reads back equal", () => {
    const saved = serializePlan(planChanges(input, state, options).plan);
    expect(serializePlan(parsePlan(saved, "plan.json"))).toBe(saved);
    const { digest, ...content } = JSON.parse(saved);
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(parsePlan(saved, "plan.json")).toEqual(content);
  });

  it("is deterministic and does not change its inputs", () => {
    const before = JSON.stringify(input);
    const first = serializePlan(planChanges(input, state, options).plan);
    const second = serializePlan(planChanges(input, state, options).plan);
    expect(second).toBe(first);
    expect(JSON.stringify(input)).toBe(before);
  });
});
