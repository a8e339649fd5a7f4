/**
 * Two entries of one group's `jobs:` that resolve to the same live node are a plan error at the
 * later entry, whatever their kinds and keys (validation only catches equal keys).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LiveNode } from "../src/api/live-types.js";
import { formatDiagnostic } from "../src/diagnostics/diagnostic.js";
import type { DesiredEntry } from "../src/manifest/desired-types.js";
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
const ONCE = "each live job run or group run may appear once in a group's jobs";

const children: readonly LiveNode[] = [
  job("Kickoff", { id: "k1" }),
  group("Grp", [job("Inner", { id: "i1" }), group("Sub", [], { id: "s1" })], { id: "g10" }),
  job("Review", { id: "r1" }),
  job("Twin", { id: "t1" }),
  job("Twin", { id: "t2" }),
];
const other = liveRun({ id: "run-2", children: [job("Start", { id: "o1" })] });
const otherManifest = manifest({
  target: "run-2",
  file: "manifests/other.yaml",
  jobs: [wantRef({ title: "Start" }), wantJob("Next")],
});

/** Plans `jobs` against run-1 beside a correct manifest for run-2; returns run-1's errors as text. */
function errorsFor(jobs: readonly DesiredEntry[]): string[] {
  const state = liveState([liveRun({ id: "run-1", children }), other]);
  const result = planChanges(desired(manifest({ target: "run-1", jobs }), otherManifest), state, options);
  // The run with the error gets no plan; the other run is planned exactly as on its own.
  const alone = planChanges(desired(otherManifest), liveState([other]), options);
  expect(alone.diagnostics).toEqual([]);
  expect(result.plan).toEqual(alone.plan);
  return result.diagnostics.map(formatDiagnostic);
}

describe("two entries of one group naming the same live node", () => {
  it("ref by title, then ref by id of the same group run (the audit's case)", () => {
    expect(
      errorsFor([
        wantRef({ title: "Grp" }, { line: 12 }),
        wantJob("New", { line: 13 }),
        wantRef({ id: "g10" }, { line: 14 }),
      ]),
    ).toEqual([
      `manifests/test.yaml:14:5: ref { id: g10 } names the same group run as the ref at line 12 (group "Grp"); ${ONCE}`,
    ]);
  });

  it("ref by id, then ref by title of the same job run; and the same ref twice", () => {
    expect(errorsFor([wantRef({ id: "k1" }), wantJob("New"), wantRef({ title: "Kickoff" })])).toEqual([
      `manifests/test.yaml:8:5: ref { title: "Kickoff" } names the same job run as the ref at line 6 (job run "Kickoff"); ${ONCE}`,
    ]);
    expect(errorsFor([wantRef({ id: "k1" }), wantRef({ id: "k1" })])).toEqual([
      `manifests/test.yaml:7:5: ref { id: k1 } names the same job run as the ref at line 6 (job run "Kickoff"); ${ONCE}`,
    ]);
  });

  it("ref and group entry, in either order (the later one is reported; a duplicate group is not entered)", () => {
    expect(
      errorsFor([wantRef({ title: "Grp" }), wantGroup("Grp", [wantRef({ title: "Not there" })])]),
    ).toEqual([
      `manifests/test.yaml:7:5: group "Grp" names the same group run as the ref at line 6 (group "Grp"); ${ONCE}`,
    ]);
    expect(errorsFor([wantGroup({ id: "g10" }, [wantJob("X")]), wantRef({ id: "g10" })])).toEqual([
      `manifests/test.yaml:8:5: ref { id: g10 } names the same group run as the group entry at line 6 (group "Grp"); ${ONCE}`,
    ]);
  });

  it("group by name and group by id, and the same group name twice", () => {
    expect(
      errorsFor([wantGroup("Grp", [wantJob("X")], { line: 12 }), wantGroup({ id: "g10" }, [], { line: 20 })]),
    ).toEqual([
      `manifests/test.yaml:20:5: group { id: g10 } names the same group run as the group entry at line 12 (group "Grp"); ${ONCE}`,
    ]);
    expect(errorsFor([wantGroup("Grp", []), wantGroup("Grp", [])])).toEqual([
      `manifests/test.yaml:7:5: group "Grp" names the same group run as the group entry at line 6 (group "Grp"); ${ONCE}`,
    ]);
  });

  it("ref and job entry that matches the same job run by identity, in either order", () => {
    expect(errorsFor([wantJob("Review"), wantRef({ title: "Review" })])).toEqual([
      `manifests/test.yaml:7:5: ref { title: "Review" } names the same job run as the job at line 6 (job run "Review"); ${ONCE}`,
    ]);
    expect(errorsFor([wantRef({ id: "r1" }), wantJob("New"), wantJob("Review")])).toEqual([
      `manifests/test.yaml:8:5: sendTask "Review" names the same job run as the ref at line 6 (job run "Review"); ${ONCE}`,
    ]);
    // A job takes the first live job run of its identity: t1 here, so a ref to t2 is no conflict.
    expect(errorsFor([wantRef({ id: "t1" }), wantJob("Twin")])).toEqual([
      `manifests/test.yaml:7:5: sendTask "Twin" names the same job run as the ref at line 6 (job run "Twin"); ${ONCE}`,
    ]);
  });

  it("reports at the later entry's own line and column inside nested groups, once per duplicate", () => {
    const at = <T extends DesiredEntry>(entry: T, line: number, col: number): T => ({
      ...entry,
      source: { ...entry.source, line, col },
    });
    expect(
      errorsFor([
        at(
          wantGroup("Grp", [
            at(wantGroup("Sub", []), 31, 9),
            at(wantJob("Inner"), 32, 9),
            at(wantRef({ title: "Sub" }), 33, 11),
            at(wantRef({ id: "i1" }), 34, 13),
            at(wantRef({ title: "Inner" }), 35, 9),
          ]),
          30,
          5,
        ),
      ]),
    ).toEqual([
      `manifests/test.yaml:33:11: ref { title: "Sub" } names the same group run as the group entry at line 31 (group "Sub"); ${ONCE}`,
      `manifests/test.yaml:34:13: ref { id: i1 } names the same job run as the job at line 32 (job run "Inner"); ${ONCE}`,
      `manifests/test.yaml:35:9: ref { title: "Inner" } names the same job run as the job at line 32 (job run "Inner"); ${ONCE}`,
    ]);
  });

  it("accepts one title in different groups, and a ref beside a job that takes another run of that identity", () => {
    const run = liveRun({
      id: "run-1",
      children: [
        job("A", { id: "a1" }),
        job("Twin", { id: "t1" }),
        job("Twin", { id: "t2" }),
        group("G", [job("A", { id: "a2" })]),
      ],
    });
    const result = planChanges(
      desired(
        manifest({
          target: "run-1",
          jobs: [
            wantRef({ title: "A" }),
            wantJob("Twin"),
            wantRef({ id: "t2" }),
            wantJob("New"),
            wantGroup("G", [wantRef({ title: "A" })]),
          ],
        }),
      ),
      liveState([run]),
      options,
    );
    expect(result.diagnostics).toEqual([]);
    const runPlan = result.plan.processRuns[0]!;
    expect(runPlan.outOfOrder).toEqual([]);
    expect(
      runPlan.insertions.map((i) => [i.relativeSiblingId, i.before, i.jobs.map((j) => j.arguments)]),
    ).toEqual([["t2", false, [{ type: "sendTask", sendTaskArgs: { title: "New" } }]]]);
  });
});

// ---------- property: any two ways of naming one live node, anywhere in a list of new jobs ----------

/** Every single entry that resolves to `node` among `siblings` (refs by title only when unique). */
function namings(node: LiveNode, siblings: readonly LiveNode[]): DesiredEntry[] {
  const label = (n: LiveNode) => (n.kind === "job" ? n.title : n.name);
  const forms: DesiredEntry[] = [wantRef({ id: node.id })];
  if (siblings.filter((s) => label(s) === label(node)).length === 1)
    forms.push(wantRef({ title: label(node) }));
  if (node.kind === "group") forms.push(wantGroup(node.name, []), wantGroup({ id: node.id }, []));
  else if (siblings.find((s) => s.kind === "job" && s.title === node.title) === node)
    forms.push(wantJob(node.title));
  return forms;
}

describe("duplicate naming property", () => {
  it("reports exactly one error, at the later of the two entries", () => {
    const candidates = children.flatMap((node) => namings(node, children).map((form) => ({ node, form })));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: children.length - 1 }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 4 }),
        fc.nat(),
        fc.nat(),
        (nodeAt, firstForm, secondForm, fillers, firstAt, secondAt) => {
          const node = children[nodeAt]!;
          const forms = candidates.filter((c) => c.node === node).map((c) => c.form);
          const jobs: DesiredEntry[] = Array.from({ length: fillers }, (_, k) => wantJob(`New ${k}`));
          jobs.splice(firstAt % (jobs.length + 1), 0, forms[firstForm % forms.length]!);
          const second = forms[secondForm % forms.length]!;
          // Two equal job entries are validation's duplicate: the planner gives the second the next run.
          fc.pre(!(second.kind === "job" && forms[firstForm % forms.length]!.kind === "job"));
          jobs.splice(secondAt % (jobs.length + 1), 0, second);
          const stamped = manifest({ target: "run-1", jobs }).jobs;
          const later = stamped.findLastIndex((e) => !(e.kind === "job" && e.title.startsWith("New ")));
          const errors = errorsFor(jobs);
          expect(errors).toHaveLength(1);
          expect(errors[0]).toMatch(
            new RegExp(
              `^manifests/test\\.yaml:${stamped[later]!.source.line}:5: .* names the same ${node.kind} run as`,
            ),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
