/**
 * Property (contract §9.7): applying a plan with insertions sent at once, committed by the server
 * in a shuffled order (the emulator's `hold` fault delays each POST's work by a random few
 * milliseconds), leaves exactly the tree, statuses included, that sending one request at a time in
 * plan order leaves. Random live trees (serial and parallel groups, finished and unfinished job
 * runs) and random gaps, split into parts of at most 2 job runs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LiveNode } from "../src/api/live-types.js";
import { parseProcessRun } from "../src/api/parse-run.js";
import { readLiveState } from "../src/api/read-live.js";
import { applyPlan } from "../src/apply/applier.js";
import type { SeedNode } from "../src/emulator/emulator-types.js";
import type { DesiredEntry, DesiredState } from "../src/manifest/desired-types.js";
import { planChanges } from "../src/plan/planner.js";
import { emulatorClient } from "./helpers/emulator-client.js";
import { startTestEmulator } from "./helpers/test-emulator.js";

const user = { id: "u1", type: "user" };
const source = { file: "m.yaml", line: 1, col: 1 };

interface Shape {
  readonly parallel: boolean;
  readonly children: readonly ({ status: string; gap: number } | { group: Shape; gap: number })[];
  readonly lead: number;
}

const shape: fc.Memo<Shape> = fc.memo((depth) =>
  fc.record({
    parallel: fc.boolean(),
    lead: fc.integer({ min: 0, max: 3 }),
    children: fc.array(
      depth > 1
        ? fc.oneof(
            {
              weight: 4,
              arbitrary: fc.record({
                status: fc.constantFrom("complete", "waiting"),
                gap: fc.integer({ min: 0, max: 3 }),
              }),
            },
            {
              weight: 1,
              arbitrary: fc.record({ group: shape(depth - 1), gap: fc.integer({ min: 0, max: 3 }) }),
            },
          )
        : fc.record({ status: fc.constantFrom("complete", "waiting"), gap: fc.integer({ min: 0, max: 3 }) }),
      { maxLength: 4 },
    ),
  }),
);

/** The seed's live tree and the manifest entries: every live node kept, new jobs in the gaps. */
function build(root: Shape): { seed: SeedNode[]; entries: DesiredEntry[] } {
  let n = 0;
  const fresh = (count: number): DesiredEntry[] =>
    Array.from({ length: count }, () => {
      const title = `New ${++n}`;
      return {
        kind: "job",
        action: "sendTask",
        title,
        args: { title, assignee: user },
        triggerType: "whenEligible",
        source,
      };
    });
  const walk = (s: Shape): { seed: SeedNode[]; entries: DesiredEntry[] } => {
    const seed: SeedNode[] = [];
    const entries: DesiredEntry[] = fresh(s.lead);
    for (const child of s.children) {
      const id = `n${++n}`;
      if ("group" in child) {
        const inner = walk(child.group);
        seed.push({ group: `Group ${id}`, id, parallel: child.group.parallel, children: inner.seed });
        entries.push({ kind: "group", by: { name: `Group ${id}` }, jobs: inner.entries, source });
      } else {
        const title = `Live ${id}`;
        seed.push({ id, action: "sendTask", args: { title, assignee: user }, status: child.status });
        entries.push({ kind: "ref", by: { title }, source });
      }
      entries.push(...fresh(child.gap));
    }
    return { seed, entries };
  };
  return walk(root);
}

type Tree = (string | { group: string; status?: string; children: Tree })[];
const tree = (nodes: readonly LiveNode[]): Tree =>
  nodes.map((node) =>
    node.kind === "group"
      ? { group: node.name, ...(node.status ? { status: node.status } : {}), children: tree(node.children) }
      : `${node.title} (${node.status ?? "-"})`,
  );

async function applyOnce(root: Shape, concurrent: boolean, holds: readonly number[]): Promise<Tree> {
  const { seed, entries } = build(root);
  const handle = await startTestEmulator({
    seed: {
      processes: [{ id: "proc", name: "P", run: { id: "run", parallel: root.parallel, children: seed } }],
    },
  });
  const client = emulatorClient(handle.url, {
    timeoutMs: 5000,
    credentials: { type: "clientCredentials", clientId: "x", clientSecret: "y" },
    rateLimit: { requests: 100_000, perSeconds: 60 },
  });
  try {
    const desired: DesiredState = {
      manifests: [{ target: { type: "processRun", id: "run" }, jobs: entries, source, targetSource: source }],
    };
    const live = await readLiveState([desired.manifests[0]!.target], client, { parallelism: 1 });
    const { plan, diagnostics } = planChanges(desired, live, { maxJobsPerRequest: 2 });
    expect(diagnostics).toEqual([]);
    if (concurrent) {
      holds.forEach((ms, k) => {
        handle.injectFault({ method: "POST", path: "/jobRuns", nth: k + 1, kind: { type: "hold", ms } });
      });
    }
    const result = await applyPlan(plan, client, { parallelism: concurrent ? 32 : 1, heartbeatMs: 0 });
    expect(result.failed).toEqual([]);
    return tree(parseProcessRun(handle.snapshotRun("run")).root.children);
  } finally {
    await client.close();
  }
}

describe("concurrent insertions", () => {
  it("leave the same tree and statuses as sending in plan order", async () => {
    await fc.assert(
      fc.asyncProperty(
        shape(3),
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 12 }),
        async (root, holds) => {
          const sequential = await applyOnce(root, false, []);
          const concurrent = await applyOnce(root, true, holds);
          expect(concurrent).toEqual(sequential);
        },
      ),
      { numRuns: 30 },
    );
  }, 60_000);
});
