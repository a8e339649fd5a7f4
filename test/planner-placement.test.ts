import { describe, expect, it } from "vitest";
import type { LiveGroupRun, LiveNode } from "../src/api/live-types.js";
import type { DesiredEntry } from "../src/manifest/desired-types.js";
import type { Insertion } from "../src/plan/plan-types.js";
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
import { applyInsertions } from "./helpers/run-model.js";

function planOne(children: readonly LiveNode[], jobs: readonly DesiredEntry[], maxJobsPerRequest = 100) {
  const run = liveRun({ id: "run-1", children });
  const result = planChanges(desired(manifest({ target: "run-1", jobs })), liveState([run]), {
    maxJobsPerRequest,
  });
  expect(result.diagnostics).toEqual([]);
  const runPlan = result.plan.processRuns[0]!;
  return { run, runPlan, result };
}

function position(i: Insertion) {
  return { parentGroupId: i.parentGroupId, relativeSiblingId: i.relativeSiblingId, before: i.before };
}

function titles(node: LiveGroupRun): string[] {
  return node.children.map((c) => (c.kind === "job" ? c.title : `[${c.name}]`));
}

describe("placement (contract §3)", () => {
  it("puts a run before the first anchor before it, with the exact POST body items", () => {
    const { runPlan } = planOne(
      [job("Kickoff")],
      [wantJob("Prep", { args: { assignee: { id: "u1", type: "user" } } }), wantRef({ title: "Kickoff" })],
    );
    expect(runPlan.insertions).toHaveLength(1);
    const insertion = runPlan.insertions[0]!;
    expect(position(insertion)).toEqual({
      parentGroupId: null,
      relativeSiblingId: "job-Kickoff",
      before: true,
    });
    expect(insertion.jobs).toEqual([
      {
        action: "sendTask",
        arguments: {
          type: "sendTask",
          sendTaskArgs: { title: "Prep", assignee: { id: "u1", type: "user" } },
        },
        triggerType: "whenEligible",
        source: { file: "manifests/test.yaml", line: 6 },
        startsAtOnce: false,
      },
    ]);
    expect(insertion.explain).toEqual({
      where: "before",
      sibling: { kind: "job", id: "job-Kickoff", label: "Kickoff" },
      group: { kind: "group", id: "root-run-1", label: "" },
      groupPath: [],
    });
  });

  it("puts any other run right after the preceding anchor, one POST per run", () => {
    const { runPlan, run } = planOne(
      [job("Kickoff"), job("Middle"), job("End")],
      [
        wantRef({ title: "Kickoff" }),
        wantJob("A"),
        wantJob("B"),
        wantJob("Middle"),
        wantJob("C"),
        wantRef({ title: "End" }),
      ],
    );
    expect(runPlan.insertions.map(position)).toEqual([
      { parentGroupId: null, relativeSiblingId: "job-Kickoff", before: false },
      { parentGroupId: null, relativeSiblingId: "job-Middle", before: false },
    ]);
    expect(runPlan.insertions.map((i) => i.jobs.map((j) => j.source.line))).toEqual([[7, 8], [10]]);
    expect(titles(applyInsertions(run, runPlan.insertions).root)).toEqual([
      "Kickoff",
      "A",
      "B",
      "Middle",
      "C",
      "End",
    ]);
  });

  it("appends to the root with all three parameters null when the group has no anchor", () => {
    const { runPlan } = planOne([job("Unrelated")], [wantJob("A"), wantJob("B")]);
    expect(runPlan.insertions).toHaveLength(1);
    expect(position(runPlan.insertions[0]!)).toEqual({
      parentGroupId: null,
      relativeSiblingId: null,
      before: null,
    });
    expect(runPlan.insertions[0]!.explain.where).toBe("end");
  });

  it("appends to a named group with parentGroupId and explains the group path", () => {
    const { runPlan } = planOne(
      [group("Approvals", [job("Other")])],
      [wantGroup("Approvals", [wantJob("A")])],
    );
    expect(runPlan.insertions.map(position)).toEqual([
      { parentGroupId: "grp-Approvals", relativeSiblingId: null, before: null },
    ]);
    expect(runPlan.insertions[0]!.explain).toMatchObject({
      where: "end",
      group: { kind: "group", id: "grp-Approvals", label: "Approvals" },
      groupPath: ["Approvals"],
    });
  });

  it("plans nested groups and uses groups as anchors", () => {
    const { runPlan, run } = planOne(
      [group("Approvals", [group("Level 2", [job("X")])]), job("Tail")],
      [
        wantJob("Before"),
        wantGroup("Approvals", [wantGroup({ id: "grp-Level 2" }, [wantRef({ id: "job-X" }), wantJob("Y")])]),
        wantJob("After"),
      ],
    );
    expect(runPlan.insertions.map(position)).toEqual([
      { parentGroupId: null, relativeSiblingId: "grp-Approvals", before: true },
      { parentGroupId: null, relativeSiblingId: "grp-Approvals", before: false },
      { parentGroupId: null, relativeSiblingId: "job-X", before: false },
    ]);
    expect(runPlan.insertions[2]!.explain.groupPath).toEqual(["Approvals", "Level 2"]);
    const after = applyInsertions(run, runPlan.insertions).root;
    expect(titles(after)).toEqual(["Before", "[Approvals]", "After", "Tail"]);
  });

  it("matches refs by id and by title (a job title or a group name)", () => {
    const { runPlan } = planOne(
      [job("Kickoff", { id: "k1" }), group("Approvals")],
      [wantRef({ id: "k1" }), wantJob("A"), wantRef({ title: "Approvals" }), wantJob("B")],
    );
    expect(runPlan.insertions.map((i) => i.relativeSiblingId)).toEqual(["k1", "grp-Approvals"]);
    expect(runPlan.outOfOrder).toEqual([]);
  });

  it("matches a job to the first unmatched live job run with the same action and title", () => {
    const { runPlan } = planOne(
      [
        job("Review", { id: "r1" }),
        job("Review", { id: "r2" }),
        job("Review", { id: "c1", action: "contentRequest" }),
      ],
      [wantJob("Review"), wantJob("Review", { action: "contentRequest" }), wantJob("X")],
    );
    expect(runPlan.insertions.map(position)).toEqual([
      { parentGroupId: null, relativeSiblingId: "c1", before: false },
    ]);
    expect(runPlan.unmanaged).toBe(1); // r2
  });

  it("never matches generated job runs", () => {
    const { runPlan } = planOne(
      [job("Sign", { id: "g1", action: "sendTask", generated: true })],
      [wantJob("Sign")],
    );
    expect(runPlan.insertions).toHaveLength(1);
    expect(runPlan.unmanaged).toBe(0);
  });

  it("splits an append run and a before-first-anchor run forward, in manifest order", () => {
    const jobs = ["A", "B", "C", "D", "E"].map((t) => wantJob(t));
    const append = planOne([], jobs, 2);
    expect(append.runPlan.insertions.map((i) => i.jobs.map((j) => j.source.line))).toEqual([
      [6, 7],
      [8, 9],
      [10],
    ]);
    expect(append.runPlan.insertions.map((i) => i.explain.part)).toEqual([
      { index: 1, of: 3 },
      { index: 2, of: 3 },
      { index: 3, of: 3 },
    ]);
    expect(titles(applyInsertions(append.run, append.runPlan.insertions).root)).toEqual([
      "A",
      "B",
      "C",
      "D",
      "E",
    ]);

    const before = planOne([job("K")], [...jobs, wantRef({ title: "K" })], 2);
    expect(before.runPlan.insertions.map((i) => i.explain.part?.index)).toEqual([1, 2, 3]);
    expect(before.runPlan.insertions.every((i) => i.relativeSiblingId === "job-K" && i.before === true)).toBe(
      true,
    );
    expect(titles(applyInsertions(before.run, before.runPlan.insertions).root)).toEqual([
      "A",
      "B",
      "C",
      "D",
      "E",
      "K",
    ]);
  });

  it("splits an after-anchor run in reverse, each part right after the same anchor", () => {
    const jobs = ["A", "B", "C", "D", "E"].map((t) => wantJob(t));
    const { runPlan, run } = planOne([job("K"), job("Z")], [wantRef({ title: "K" }), ...jobs], 2);
    expect(runPlan.insertions.map((i) => i.explain.part?.index)).toEqual([3, 2, 1]);
    expect(runPlan.insertions.map((i) => i.jobs.length)).toEqual([1, 2, 2]);
    expect(runPlan.insertions.every((i) => i.relativeSiblingId === "job-K" && i.before === false)).toBe(true);
    expect(titles(applyInsertions(run, runPlan.insertions).root)).toEqual([
      "K",
      "A",
      "B",
      "C",
      "D",
      "E",
      "Z",
    ]);
  });

  it("keeps the longest order-agreeing subsequence as anchors and reports the rest out of order", () => {
    const { runPlan } = planOne(
      [job("A"), job("B"), job("C")],
      [wantRef({ title: "C" }), wantRef({ title: "A" }), wantRef({ title: "B" }), wantJob("N")],
    );
    expect(runPlan.outOfOrder).toEqual([
      {
        node: { kind: "job", id: "job-C", label: "C" },
        groupPath: [],
        source: { file: "manifests/test.yaml", line: 6 },
      },
    ]);
    expect(runPlan.insertions.map(position)).toEqual([
      { parentGroupId: null, relativeSiblingId: "job-B", before: false },
    ]);
  });

  it("treats out-of-order entries as transparent: they neither anchor nor split a run", () => {
    // Live A, B, C; manifest A, n1, C, n2, B: anchors A, B; C is out of order; n1 + n2 are one run after A.
    const { runPlan, run } = planOne(
      [job("A"), job("B"), job("C")],
      [wantJob("A"), wantJob("n1"), wantJob("C"), wantJob("n2"), wantJob("B")],
    );
    expect(runPlan.outOfOrder.map((o) => o.node.label)).toEqual(["C"]);
    expect(runPlan.insertions).toHaveLength(1);
    expect(position(runPlan.insertions[0]!)).toEqual({
      parentGroupId: null,
      relativeSiblingId: "job-A",
      before: false,
    });
    expect(titles(applyInsertions(run, runPlan.insertions).root)).toEqual(["A", "n1", "n2", "B", "C"]);
  });

  it("makes no POSTs for a converged run", () => {
    const { runPlan, result } = planOne(
      [job("A"), group("G", [job("B")])],
      [wantJob("A"), wantGroup("G", [wantJob("B")])],
    );
    expect(runPlan.insertions).toEqual([]);
    expect(result.plan.summary).toMatchObject({ create: 0, requests: 0, processRuns: 0, inSync: 1 });
  });
});
