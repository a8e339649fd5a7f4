/**
 * verifyRun on hand-built reads (a pure function): what it calls missing, duplicated and
 * retitled, for complete and partial insertions, into groups that are there and gone.
 */
import { describe, expect, it } from "vitest";
import { group, job, liveRun } from "../../test/helpers/builders.js";
import { appendToRoot, sendTask } from "../../test/helpers/plan-builders.js";
import type { Insertion } from "../plan/plan-types.js";
import { verifyRun } from "./verify-run.js";

const intoGroup = (groupId: string, titles: readonly string[]): Insertion => ({
  ...appendToRoot(titles.map((t) => sendTask(t))),
  parentGroupId: groupId,
});

describe("verifyRun", () => {
  it("finds nothing wrong when every created job run is there once, beside other jobs", () => {
    const live = liveRun({
      id: "r",
      children: [job("Kickoff"), job("A", { id: "a1" }), job("B", { id: "b1" }), group("G", [job("C")])],
    });
    const created = [
      { insertion: appendToRoot([sendTask("A"), sendTask("B")]), ids: ["a1", "b1"], complete: true },
    ];
    expect(verifyRun(live, created)).toEqual({ runId: "r", missing: [], duplicates: [], retitled: [] });
  });

  it("names both job runs of an identity found twice in the group, and the one not shown", () => {
    const live = liveRun({
      id: "r",
      children: [job("A", { id: "a1" }), job("A", { id: "theirs" }), job("Other")],
    });
    const created = [
      { insertion: appendToRoot([sendTask("A"), sendTask("B")]), ids: ["a1", "b1"], complete: true },
    ];
    expect(verifyRun(live, created)).toEqual({
      runId: "r",
      missing: [{ id: "b1", title: "B" }],
      duplicates: [{ action: "sendTask", title: "A", ids: ["a1", "theirs"] }],
      retitled: [],
    });
  });

  it("does not count a generated job run, or a job of another kind, with the same title as a duplicate", () => {
    const live = liveRun({
      id: "r",
      children: [
        job("A", { id: "a1" }),
        job("A", { id: "gen", generated: true }),
        job("A", { id: "cr", action: "contentRequest" }),
      ],
    });
    const created = [{ insertion: appendToRoot([sendTask("A")]), ids: ["a1"], complete: true }];
    expect(verifyRun(live, created).duplicates).toEqual([]);
  });

  it("checks only the ids known for a partial insertion, and reports one the read does not show", () => {
    const live = liveRun({ id: "r", children: [job("A", { id: "a1" })] });
    const partial = [
      { insertion: appendToRoot([sendTask("A"), sendTask("B")]), ids: ["a1"], complete: false },
    ];
    expect(verifyRun(live, partial).missing).toEqual([]);
    const gone = [{ insertion: appendToRoot([sendTask("A"), sendTask("B")]), ids: ["zz"], complete: false }];
    expect(verifyRun(live, gone).missing).toEqual([{ id: "zz", title: "" }]);
  });

  it("reports what is missing when the group sent to is gone, without looking for duplicates in it", () => {
    const live = liveRun({ id: "r", children: [job("A", { id: "a1" }), job("A", { id: "a2" })] });
    const created = [{ insertion: intoGroup("grp-Gone", ["A", "B"]), ids: ["a1", "b1"], complete: true }];
    expect(verifyRun(live, created)).toEqual({
      runId: "r",
      missing: [{ id: "b1", title: "B" }],
      duplicates: [],
      retitled: [],
    });
  });

  it("reports a title stored otherwise than sent, and a normalised equal one only as retitled", () => {
    const live = liveRun({
      id: "r",
      children: [group("G", [job("Close  the books", { id: "c1" }), job("Close the books", { id: "c2" })])],
    });
    const created = [{ insertion: intoGroup("grp-G", ["Close the books"]), ids: ["c1"], complete: true }];
    expect(verifyRun(live, created)).toEqual({
      runId: "r",
      missing: [],
      duplicates: [{ action: "sendTask", title: "Close the books", ids: ["c1", "c2"] }],
      retitled: [{ id: "c1", sent: "Close the books", stored: "Close  the books" }],
    });
  });
});
