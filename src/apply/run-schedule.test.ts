import { describe, expect, it } from "vitest";
import { run, sendTask } from "../../test/helpers/plan-builders.js";
import type { Insertion, OutlineGroup, OutlineJob } from "../plan/plan-types.js";
import { insertionDependencies } from "./run-schedule.js";

const job = (id: string, status: string): OutlineJob => ({
  kind: "job",
  id,
  action: "sendTask",
  title: id,
  status,
  managed: true,
  generated: false,
});
const root = (parallel: boolean, status: string, children: OutlineGroup["children"]): OutlineGroup => ({
  kind: "group",
  id: "root",
  name: "",
  parallel,
  status,
  children,
});
const placedAfter = (sibling: string, part?: { index: number; of: number }): Insertion => ({
  parentGroupId: null,
  relativeSiblingId: sibling,
  before: false,
  jobs: [sendTask(`after ${sibling}`)],
  explain: {
    where: "after",
    sibling: { kind: "job", id: sibling, label: sibling },
    group: { kind: "group", id: "root", label: "" },
    groupPath: [],
    ...(part ? { part } : {}),
  },
});

describe("insertionDependencies", () => {
  it("lets insertions at different live places go together, and chains the parts of one gap", () => {
    const outline = root(true, "running", [job("a", "complete"), job("b", "waiting")]);
    const insertions = [
      placedAfter("a", { index: 2, of: 2 }),
      placedAfter("a", { index: 1, of: 2 }),
      placedAfter("b"),
    ];
    expect(insertionDependencies(run("r", { insertions, outline }))).toEqual([[], [0], []]);
  });

  it("in a running serial group, an open place waits for every earlier insertion of its group", () => {
    // After a (complete) and after b (complete) are open: the second would start at once if sent first.
    const outline = root(false, "running", [job("a", "complete"), job("b", "complete"), job("c", "waiting")]);
    const insertions = [placedAfter("a"), placedAfter("b"), placedAfter("c")];
    expect(insertionDependencies(run("r", { insertions, outline }))).toEqual([[], [0], []]);
  });

  it("a waiting serial group starts nothing, so nothing waits", () => {
    const outline = root(false, "waiting", [job("a", "complete"), job("b", "complete")]);
    expect(
      insertionDependencies(run("r", { insertions: [placedAfter("a"), placedAfter("b")], outline })),
    ).toEqual([[], []]);
  });

  it("without the live outline, every insertion waits for the one before", () => {
    expect(
      insertionDependencies(run("r", { insertions: [placedAfter("a"), placedAfter("b"), placedAfter("c")] })),
    ).toEqual([[], [0], [1]]);
  });
});
