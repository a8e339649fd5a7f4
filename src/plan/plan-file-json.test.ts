import { describe, expect, it } from "vitest";
import { appendToRoot, plan, run, sendTask } from "../../test/helpers/plan-builders.js";
import { planJsonLine, serializePlan } from "./plan-file.js";
import { planSchema } from "./plan-schema.js";
import type { Plan } from "./plan-types.js";

describe("the saved plan's JSON (also `plan --format json`)", () => {
  const p = plan([run("run-a", { insertions: [appendToRoot([sendTask("One")])] })]);

  it("is the plan itself, 2-space indented, ending in a newline", () => {
    const text = serializePlan(p);
    const { digest, ...content } = JSON.parse(text);
    expect(content).toEqual(p);
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n")[1]).toBe('  "formatVersion": 2,');
  });

  it("puts keys in a stable order whatever order they came in, dropping keys the plan does not have", () => {
    const shuffled = {
      processRuns: p.processRuns.map((r) => ({ extra: true, ...r, id: r.id })),
      summary: { ...p.summary },
      targets: [],
      formatVersion: 2,
    } as unknown as Plan;
    const parsed = JSON.parse(serializePlan(shuffled)) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(["formatVersion", "digest", "targets", "summary", "processRuns"]);
    const firstRun = (parsed.processRuns as Record<string, unknown>[])[0]!;
    expect(Object.keys(firstRun)).toEqual([
      "id",
      "name",
      "fingerprint",
      "desired",
      "manifests",
      "insertions",
      "drift",
      "outOfOrder",
      "unmanaged",
      "duplicates",
    ]);
    expect(serializePlan(shuffled)).toBe(serializePlan(p));
  });

  it("on one line (apply's JSON stream) is the plan with its keys in the schema's order, no digest", () => {
    const { summary, ...rest } = p;
    const shuffled = { summary, ...rest } as Plan;
    const line = planJsonLine(shuffled);
    expect(line).toBe(JSON.stringify(planSchema.parse(p)));
    expect(line).not.toContain("\n");
    expect(Object.keys(JSON.parse(line))).toEqual(Object.keys(planSchema.shape));
  });

  it("escapes the control characters JSON leaves raw on one line too", () => {
    const odd = plan([run("run-a", { insertions: [appendToRoot([sendTask("One\u009b2J\u2028")])] })]);
    expect(planJsonLine(odd)).toContain("One\\u009b2J\\u2028");
    expect(JSON.parse(planJsonLine(odd))).toEqual(planSchema.parse(odd));
  });
});
