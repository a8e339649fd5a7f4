import { describe, expect, it } from "vitest";
import { appendToRoot, plan, run, sendTask } from "../../test/helpers/plan-builders.js";
import { serializePlan } from "../plan/plan-file.js";
import type { Plan } from "../plan/plan-types.js";
import { renderPlanJson } from "./plan-json.js";

describe("renderPlanJson", () => {
  const p = plan([run("run-a", { insertions: [appendToRoot([sendTask("One")])] })]);

  it("is the plan itself, 2-space indented, ending in a newline", () => {
    const text = renderPlanJson(p);
    const { digest, ...content } = JSON.parse(text);
    expect(content).toEqual(p);
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n")[1]).toBe('  "formatVersion": 2,');
  });

  it("is the saved plan file's exact content", () => {
    expect(renderPlanJson(p)).toBe(serializePlan(p));
  });

  it("puts keys in a stable order whatever order they came in, dropping keys the plan does not have", () => {
    const shuffled = {
      processRuns: p.processRuns.map((r) => ({ extra: true, ...r, id: r.id })),
      summary: { ...p.summary },
      targets: [],
      formatVersion: 2,
    } as unknown as Plan;
    const parsed = JSON.parse(renderPlanJson(shuffled)) as Record<string, unknown>;
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
    expect(renderPlanJson(shuffled)).toBe(renderPlanJson(p));
  });
});
