/**
 * What the saved plan (format 2) carries for review: starts-at-once per new job, managed
 * identities found twice, the live outline with statuses, the desired-state digest.
 */
import { describe, expect, it } from "vitest";
import type { LiveNode, LiveRun } from "../src/api/live-types.js";
import type { DesiredEntry } from "../src/manifest/desired-types.js";
import { planChanges } from "../src/plan/planner.js";
import {
  desired,
  group,
  job,
  liveRun,
  liveState,
  manifest,
  planRun,
  wantGroup,
  wantJob,
  wantRef,
} from "./helpers/builders.js";

const running = (children: LiveNode[], parallel = false) =>
  liveRun({ id: "run-1", status: "running", root: { status: "running", parallel }, children });

/** `title:startsAtOnce` of every new job, in the order apply sends them. */
function starts(run: LiveRun, jobs: readonly DesiredEntry[], max = 100): string[] {
  return planRun(run, jobs, max).insertions.flatMap((i) =>
    i.jobs.map((j) => `${String((j.arguments.sendTaskArgs as { title: string }).title)}:${j.startsAtOnce}`),
  );
}

describe("starts at once (contract §8, §12)", () => {
  it("in a running serial group: only the first new job, and only when everything before it is finished", () => {
    const done = running([job("Kickoff", { status: "complete" }), job("Later", { status: "waiting" })]);
    expect(
      starts(done, [wantRef({ title: "Kickoff" }), wantJob("A"), wantJob("B"), wantRef({ title: "Later" })]),
    ).toEqual(["A:true", "B:false"]);
    const busy = running([job("Kickoff", { status: "running" })]);
    expect(starts(busy, [wantRef({ title: "Kickoff" }), wantJob("A")])).toEqual(["A:false"]);
    expect(starts(running([]), [wantJob("First")])).toEqual(["First:true"]);
  });

  it("counts an earlier new job as an unfinished sibling", () => {
    const run = running([job("Mid", { status: "complete" })]);
    expect(starts(run, [wantJob("Before"), wantRef({ title: "Mid" }), wantJob("After")])).toEqual([
      "Before:true",
      "After:false",
    ]);
  });

  it("in a running parallel group: every whenEligible job; never a manual one", () => {
    const run = running([job("Busy", { status: "running" })], true);
    expect(
      starts(run, [
        wantRef({ title: "Busy" }),
        wantJob("A"),
        wantJob("M", { triggerType: "manual" }),
        wantJob("B"),
      ]),
    ).toEqual(["A:true", "M:false", "B:true"]);
  });

  it("never in a group that is not running, nested or root", () => {
    const run = liveRun({ id: "run-1", status: "running", root: { status: "waiting" }, children: [] });
    expect(starts(run, [wantJob("A")])).toEqual(["A:false"]);
    const nested = running([group("G", [], { status: "waiting", parallel: true })]);
    expect(starts(nested, [wantGroup("G", [wantJob("In")])])).toEqual(["In:false"]);
  });

  it("marks part 1 of a split run after an anchor, though parts are sent last part first", () => {
    const run = running([job("Kickoff", { status: "complete" })]);
    const jobs = [wantRef({ title: "Kickoff" }), wantJob("A"), wantJob("B"), wantJob("C")];
    expect(starts(run, jobs, 2)).toEqual(["C:false", "A:true", "B:false"]);
  });
});

describe("duplicates of a managed identity (contract §9.3)", () => {
  it("names every live job run of an identity live holds more often than the manifest asks", () => {
    const run = running([job("Review", { id: "j1" }), job("Other"), job("Review", { id: "j2" })]);
    const plan = planRun(run, [wantJob("Review", { line: 9 })]);
    expect(plan.duplicates).toEqual([
      {
        action: "sendTask",
        title: "Review",
        groupPath: [],
        jobRunIds: ["j1", "j2"],
        source: { file: "manifests/test.yaml", line: 9 },
      },
    ]);
  });

  it("is quiet when the manifest asks for as many, and ignores unmanaged identities", () => {
    const run = running([
      job("Review", { id: "j1" }),
      job("Review", { id: "j2" }),
      job("X", { id: "x1" }),
      job("X", { id: "x2" }),
    ]);
    expect(planRun(run, [wantJob("Review"), wantJob("Review")]).duplicates).toEqual([]);
  });

  it("looks inside groups and counts them in the summary", () => {
    const run = running([group("G", [job("In", { id: "a" }), job("In", { id: "b" })])]);
    const result = planChanges(
      desired(manifest({ target: "run-1", jobs: [wantGroup("G", [wantJob("In")])] })),
      liveState([run]),
      { maxJobsPerRequest: 100 },
    );
    expect(result.plan.processRuns[0]!.duplicates.map((d) => [d.groupPath, d.jobRunIds])).toEqual([
      [["G"], ["a", "b"]],
    ]);
    expect(result.plan.summary.duplicates).toBe(1);
  });
});

describe("the live outline and the desired digest", () => {
  it("keeps every live node with its status, managed marks and the group's kind", () => {
    const run = running([
      job("Kickoff", { status: "complete" }),
      group("G", [job("Gen", { generated: true })], { parallel: true, status: "running" }),
      job("Stray", { status: "waiting" }),
    ]);
    const plan = planRun(run, [wantRef({ title: "Kickoff" }), wantJob("New")]);
    expect(plan.status).toBe("running");
    expect(plan.outline).toEqual({
      kind: "group",
      id: "root-run-1",
      name: "",
      parallel: false,
      status: "running",
      children: [
        {
          kind: "job",
          id: "job-Kickoff",
          action: "sendTask",
          title: "Kickoff",
          status: "complete",
          managed: true,
          generated: false,
        },
        {
          kind: "group",
          id: "grp-G",
          name: "G",
          parallel: true,
          status: "running",
          children: [
            { kind: "job", id: "job-Gen", action: "sendTask", title: "Gen", managed: false, generated: true },
          ],
        },
        {
          kind: "job",
          id: "job-Stray",
          action: "sendTask",
          title: "Stray",
          status: "waiting",
          managed: false,
          generated: false,
        },
      ],
    });
  });

  it("changes the desired digest with what would be created, not with line numbers", () => {
    const run = running([]);
    const digest = (jobs: DesiredEntry[]) => planRun(run, jobs).desired;
    const base = digest([wantJob("A", { line: 6 })]);
    expect(base).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(digest([wantJob("A", { line: 60 })])).toBe(base);
    expect(digest([wantJob("B", { line: 6 })])).not.toBe(base);
    expect(digest([wantJob("A", { line: 6, args: { dueDate: "2026-01-02" } })])).not.toBe(base);
    expect(digest([wantJob("A", { line: 6, triggerType: "manual" })])).not.toBe(base);
  });
});
