/**
 * Property tests of the planner against an independent model of the API's insertion semantics
 * (test/helpers/run-model.ts): random live trees, random manifests derived from them, random
 * maxJobsPerRequest; the planned insertions are applied to the model and the result checked.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LiveGroupRun, LiveNode, LiveRun } from "../src/api/live-types.js";
import type { DesiredEntry, DesiredManifest, JobAction } from "../src/manifest/desired-types.js";
import type { RunPlan } from "../src/plan/plan-types.js";
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

// ---------- random live trees ----------

type NodeSpec =
  | { kind: "job"; action: JobAction; title: string; generated: boolean }
  | { kind: "group"; name: string; children: NodeSpec[] };

const jobSpec = fc.record({
  kind: fc.constant("job" as const),
  action: fc.constantFrom<JobAction>("sendTask", "contentRequest"),
  title: fc.constantFrom("A", "B", "C", "D"),
  generated: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

const tree = fc.letrec<{ node: NodeSpec; group: NodeSpec }>((tie) => ({
  node: fc.oneof({ maxDepth: 3, depthIdentifier: "tree" }, jobSpec, jobSpec, tie("group")),
  group: fc.record({
    kind: fc.constant("group" as const),
    name: fc.constantFrom("G", "H"),
    children: fc.array(tie("node"), { maxLength: 5, depthIdentifier: "tree" }),
  }),
}));

const rootSpec = fc.array(tree.node, { maxLength: 8 });

function buildLive(specs: readonly NodeSpec[]): LiveRun {
  let n = 0;
  const build = (spec: NodeSpec): LiveNode => {
    n += 1;
    if (spec.kind === "job")
      return job(spec.title, { id: `j${n}`, action: spec.action, generated: spec.generated });
    const id = `g${n}`;
    return group(spec.name, spec.children.map(build), { id });
  };
  return liveRun({ id: "run-1", children: specs.map(build) });
}

// ---------- random manifests derived from a live tree ----------

const label = (n: LiveNode) => (n.kind === "job" ? n.title : n.name);
const identity = (action: string, title: string) => `${action}/${title}`;
const manageable = (g: LiveGroupRun) => g.children.filter((c) => c.kind === "group" || !c.generated);

function deriveEntries(g: LiveGroupRun, gen: fc.GeneratorValue, next: { title: number }): DesiredEntry[] {
  const candidates = manageable(g);
  const labelCount = new Map<string, number>();
  for (const c of candidates) labelCount.set(label(c), (labelCount.get(label(c)) ?? 0) + 1);
  const groupNameCount = new Map<string, number>();
  for (const c of candidates)
    if (c.kind === "group") groupNameCount.set(c.name, (groupNameCount.get(c.name) ?? 0) + 1);
  /** Identities a job entry may no longer use (one is listed, or its first live job run is a ref). */
  const usedIdentities = new Set<string>();
  const seenIdentities = new Set<string>();
  const ref = (c: LiveNode) =>
    labelCount.get(label(c)) === 1 && gen(fc.boolean) ? wantRef({ title: label(c) }) : wantRef({ id: c.id });

  const entries: DesiredEntry[] = [];
  for (const c of candidates) {
    const choice = gen(fc.integer, { min: 0, max: 9 });
    const key = c.kind === "job" ? identity(c.action, c.title) : "";
    const firstOfIdentity = c.kind === "job" && !seenIdentities.has(key);
    if (c.kind === "job") seenIdentities.add(key);
    if (choice < 3) continue; // dropped: becomes unmanaged
    if (c.kind === "job") {
      if (choice < 8 && !usedIdentities.has(key)) {
        usedIdentities.add(key);
        entries.push(wantJob(c.title, { action: c.action as JobAction }));
      } else {
        // A job entry matches the first live job run of its identity: after a ref to that one,
        // a job entry would name the same live node (a plan error, tested in planner-duplicates).
        if (firstOfIdentity) usedIdentities.add(key);
        entries.push(ref(c));
      }
    } else if (choice < 8) {
      const by = groupNameCount.get(c.name) === 1 && gen(fc.boolean) ? c.name : { id: c.id };
      entries.push(wantGroup(by, deriveEntries(c, gen, next)));
    } else entries.push(ref(c));
  }
  const swaps = gen(fc.integer, { min: 0, max: 2 });
  for (let s = 0; s < swaps && entries.length > 1; s++) {
    const i = gen(fc.integer, { min: 0, max: entries.length - 1 });
    const j = gen(fc.integer, { min: 0, max: entries.length - 1 });
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  const added = gen(fc.integer, { min: 0, max: 7 });
  for (let k = 0; k < added; k++) {
    const at = gen(fc.integer, { min: 0, max: entries.length });
    const action = gen(fc.constantFrom<JobAction[]>, "sendTask", "contentRequest", "certification");
    entries.splice(at, 0, wantJob(`N${next.title++}`, { action }));
  }
  return entries;
}

// ---------- checks, computed independently of the planner ----------

function searchGroup(g: LiveGroupRun, id: string): LiveGroupRun | undefined {
  if (g.id === id) return g;
  for (const c of g.children) {
    const found = c.kind === "group" ? searchGroup(c, id) : undefined;
    if (found) return found;
  }
  return undefined;
}

function findGroup(g: LiveGroupRun, id: string): LiveGroupRun {
  const found = searchGroup(g, id);
  if (!found) throw new Error(`group ${id} not found`);
  return found;
}

/** Index of the live child an entry names in `g`, or -1 for a job with no live counterpart. */
function positionIn(g: LiveGroupRun, entry: DesiredEntry): number {
  return g.children.findIndex((c) => {
    if (c.kind === "job" && c.generated) return false;
    if (entry.kind === "job") return c.kind === "job" && c.action === entry.action && c.title === entry.title;
    if ("id" in entry.by) return c.id === entry.by.id;
    const name = "name" in entry.by ? entry.by.name : entry.by.title;
    return entry.kind === "group" ? c.kind === "group" && c.name === name : label(c) === name;
  });
}

function lisLength(values: readonly number[]): number {
  const best = values.map(() => 1);
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < i; j++) if (values[j]! < values[i]!) best[i] = Math.max(best[i]!, best[j]! + 1);
  }
  return Math.max(0, ...best);
}

interface Expectations {
  missing: number;
  requests: number;
  outOfOrder: number;
}

/**
 * Walks the manifest beside the old and new trees and checks properties (a) and (b) group by
 * group; returns the counts the planner must agree with.
 */
function checkGroups(
  entries: readonly DesiredEntry[],
  before: LiveGroupRun,
  after: LiveGroupRun,
  reportedOutOfOrder: ReadonlySet<number>,
  max: number,
  acc: Expectations,
): void {
  const matchedPositions: number[] = [];
  const finalPositions: number[] = [];
  let run = 0;
  const flush = () => {
    acc.requests += Math.ceil(run / max);
    run = 0;
  };
  for (const entry of entries) {
    const old = positionIn(before, entry);
    const now = positionIn(after, entry);
    if (entry.kind === "job") {
      // (a) every desired job exists in its parent group; exactly once when it was missing.
      const count = after.children.filter(
        (c) => c.kind === "job" && !c.generated && c.action === entry.action && c.title === entry.title,
      ).length;
      expect(count, `job ${entry.title}`).toBeGreaterThanOrEqual(1);
      if (old < 0) expect(count, `created job ${entry.title}`).toBe(1);
    }
    if (old < 0) {
      acc.missing += 1;
      run += 1;
      finalPositions.push(now);
      continue;
    }
    matchedPositions.push(old);
    if (reportedOutOfOrder.has(entry.source.line)) continue; // transparent
    finalPositions.push(now);
    flush();
  }
  flush();
  // (b) desired jobs and anchors appear in manifest order.
  for (let i = 1; i < finalPositions.length; i++) {
    expect(finalPositions[i]!, "manifest order").toBeGreaterThan(finalPositions[i - 1]!);
  }
  acc.outOfOrder += matchedPositions.length - lisLength(matchedPositions);
  for (const entry of entries) {
    if (entry.kind !== "group") continue;
    const node = before.children[positionIn(before, entry)]!;
    checkGroups(
      entry.jobs,
      findGroup(before, node.id),
      findGroup(after, node.id),
      reportedOutOfOrder,
      max,
      acc,
    );
  }
}

/** (c) existing job runs and groups keep their relative order, everywhere. */
function checkExistingOrder(before: LiveGroupRun, after: LiveGroupRun): void {
  const kept = after.children.filter((c) => !c.id.startsWith("new-")).map((c) => c.id);
  expect(kept).toEqual(before.children.map((c) => c.id));
  for (const c of before.children) if (c.kind === "group") checkExistingOrder(c, findGroup(after, c.id));
}

function planRun(m: DesiredManifest, run: LiveRun, max: number): RunPlan {
  const result = planChanges(desired(m), liveState([run]), { maxJobsPerRequest: max });
  expect(result.diagnostics).toEqual([]);
  return result.plan.processRuns[0]!;
}

describe("planner properties", () => {
  it("converges in the model: all desired jobs once, manifest order, existing order kept, minimal POSTs", () => {
    fc.assert(
      fc.property(
        rootSpec,
        fc.gen(),
        fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(1000)),
        (specs, gen, max) => {
          const live = buildLive(specs);
          const m = manifest({ target: "run-1", jobs: deriveEntries(live.root, gen, { title: 1 }) });
          const runPlan = planRun(m, live, max);
          const after = applyInsertions(live, runPlan.insertions);

          const outOfOrderLines = new Set(runPlan.outOfOrder.map((o) => o.source.line));
          const expected: Expectations = { missing: 0, requests: 0, outOfOrder: 0 };
          checkGroups(m.jobs, live.root, after.root, outOfOrderLines, max, expected);
          checkExistingOrder(live.root, after.root);

          const created = runPlan.insertions.reduce((n, i) => n + i.jobs.length, 0);
          expect(created).toBe(expected.missing);
          // (e) one POST per run of missing jobs, after splitting.
          expect(runPlan.insertions.length).toBe(expected.requests);
          expect(runPlan.outOfOrder.length).toBe(expected.outOfOrder);
          expect(runPlan.insertions.every((i) => i.jobs.length <= max)).toBe(true);

          // (d) a second plan against the new tree is empty.
          const again = planRun(m, after, max);
          expect(again.insertions).toEqual([]);
          expect(again.drift).toEqual([]);
          expect(again.outOfOrder.length).toBe(runPlan.outOfOrder.length);
          expect(again.unmanaged).toBe(runPlan.unmanaged);
        },
      ),
      { numRuns: 300 },
    );
  });
});
