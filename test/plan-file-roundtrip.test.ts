import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePlan, serializePlan } from "../src/plan/plan-file.js";
import { anyPlan } from "./helpers/plan-arbitraries.js";

describe("saved plan round trip", () => {
  it("reads back every plan exactly as it was written, at every depth", () => {
    fc.assert(
      fc.property(anyPlan, (plan) => {
        const text = serializePlan(plan);
        const back = parsePlan(text, "plan.json");
        expect(back).toStrictEqual(plan);
        expect(serializePlan(back)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps no key the plan types do not name (an unknown key is dropped on write)", () => {
    fc.assert(
      fc.property(anyPlan, fc.string({ minLength: 1, maxLength: 8 }), (plan, key) => {
        fc.pre(!(key in plan) && key !== "__proto__");
        const written = JSON.parse(serializePlan({ ...plan, [key]: 1 } as typeof plan));
        expect(Object.keys(written)).toEqual([
          "formatVersion",
          "digest",
          "targets",
          "summary",
          "processRuns",
        ]);
      }),
      { numRuns: 100 },
    );
  });
});
