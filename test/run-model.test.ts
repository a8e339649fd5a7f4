/** The test helper that applies planned insertions to a live run the way the API places them. */
import { describe, expect, it } from "vitest";
import type { LiveGroupRun } from "../src/api/live-types.js";
import { group, job, liveRun } from "./helpers/builders.js";
import { applyInsertions } from "./helpers/run-model.js";

function titles(node: LiveGroupRun): string[] {
  return node.children.map((c) => (c.kind === "job" ? c.title : `[${c.name}]`));
}

describe("run model (test helper)", () => {
  const run = liveRun({ id: "r", children: [job("K"), group("G", [job("X")])] });
  const item = {
    action: "sendTask",
    arguments: { type: "sendTask", sendTaskArgs: { title: "N" } },
    triggerType: "t",
  };

  it("places like the API: before by default, after with before=false, end of parentGroupId", () => {
    const at = (p: {
      parentGroupId: string | null;
      relativeSiblingId: string | null;
      before: boolean | null;
    }) => titles(applyInsertions(run, [{ ...p, jobs: [item] }]).root);
    expect(at({ parentGroupId: null, relativeSiblingId: "job-K", before: null })).toEqual(["N", "K", "[G]"]);
    expect(at({ parentGroupId: null, relativeSiblingId: "job-K", before: false })).toEqual(["K", "N", "[G]"]);
    expect(at({ parentGroupId: null, relativeSiblingId: null, before: null })).toEqual(["K", "[G]", "N"]);
    const inGroup = applyInsertions(run, [
      { parentGroupId: "grp-G", relativeSiblingId: null, before: null, jobs: [item] },
    ]);
    expect(titles(inGroup.root.children[1] as LiveGroupRun)).toEqual(["X", "N"]);
  });

  it("refuses a sibling that is not a direct child of parentGroupId", () => {
    expect(() =>
      applyInsertions(run, [
        { parentGroupId: "grp-G", relativeSiblingId: "job-K", before: true, jobs: [item] },
      ]),
    ).toThrow(/not a direct child/);
  });
});
