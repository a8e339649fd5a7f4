import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choosePlacement, insertJobRuns } from "./placement.js";
import { buildStore } from "./seed.js";

const job = (id: string) => ({ id, action: "sendTask", args: { title: id, assigneeUser: "u" } });

describe("placement (property)", () => {
  it("inserts contiguously at the chosen index, in request order, with ordinals 0..n-1", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.nat(),
        fc.boolean(),
        fc.integer({ min: 1, max: 4 }),
        (n, pick, before, k) => {
          const ids = Array.from({ length: n }, (_, i) => `j${i}`);
          const store = buildStore(
            { processes: [{ id: "p", name: "P", run: { id: "r", children: ids.map(job) } }] },
            () => 0,
          );
          const run = store.runs.get("r")!;
          const sibling = ids[pick % n]!;
          const placement = choosePlacement(run, { relativeSiblingId: sibling, before: String(before) });
          const items = Array.from({ length: k }, (_, i) => ({
            action: "sendTask",
            args: { title: `new${i}`, assigneeUser: "u" },
            triggerType: "whenEligible",
          }));
          const created = insertJobRuns(store, run, placement, items);
          const names = run.root.children.map((c) => c.name);
          const expected = [...ids];
          expected.splice(ids.indexOf(sibling) + (before ? 0 : 1), 0, ...items.map((i) => i.args.title));
          expect(names).toEqual(expected);
          expect(run.root.children.map((c) => c.ordinal)).toEqual(expected.map((_, i) => i));
          expect(created.map((c) => c.name)).toEqual(items.map((i) => i.args.title));
          expect(run.revision).toBe(2);
        },
      ),
    );
  });
});
