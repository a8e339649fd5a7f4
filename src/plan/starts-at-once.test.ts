/**
 * markStartsAtOnce at its edges (contract §8, §12): which finished statuses let a serial group
 * move on, where an insertion stands (before, after, at the end, after a sibling not in the
 * index), which of several insertions is first whatever order they come in, and split parts.
 */
import { describe, expect, it } from "vitest";
import { group, job, plannedInsertion } from "../../test/helpers/builders.js";
import type { LiveGroupRun, LiveNode } from "../api/live-types.js";
import type { Insertion } from "./plan-types.js";
import { markStartsAtOnce } from "./starts-at-once.js";

const insertion = (title: string, at: { sibling: string | null; before: boolean }, part?: number) =>
  plannedInsertion(title, { ...at, ...(part === undefined ? {} : { part }) });

function serial(children: LiveNode[]): LiveGroupRun {
  return { ...group("G", children, { id: "g", status: "running" }) } as LiveGroupRun;
}

const positions = (g: LiveGroupRun) => new Map(g.children.map((c, i) => [c.id, i]));
const starts = (inserts: Insertion[], g: LiveGroupRun) =>
  markStartsAtOnce(inserts, g, positions(g)).map((i) => i.jobs[0]?.startsAtOnce);

describe("markStartsAtOnce", () => {
  it.each(["complete", "cancelled", "canceled", "skipped", "failed"])(
    "moves on past a %s sibling in a serial group",
    (status) => {
      const g = serial([job("K", { id: "k", status })]);
      expect(starts([insertion("N", { sibling: "k", before: false })], g)).toEqual([true]);
    },
  );

  it.each([["running"], [undefined]])("waits behind a sibling whose status is %s", (status) => {
    const g = serial([job("K", { id: "k", ...(status ? { status } : {}) })]);
    expect(starts([insertion("N", { sibling: "k", before: false })], g)).toEqual([false]);
  });

  it("places an insertion before its sibling, and after a sibling not in the index at the end", () => {
    const g = serial([job("A", { id: "a", status: "complete" }), job("B", { id: "b", status: "running" })]);
    expect(starts([insertion("N", { sibling: "b", before: true })], g)).toEqual([true]);
    expect(starts([insertion("N", { sibling: "ghost", before: true })], g)).toEqual([false]);
    expect(starts([insertion("N", { sibling: null, before: false })], g)).toEqual([false]);
    const done = serial([job("A", { id: "a", status: "complete" })]);
    expect(starts([insertion("N", { sibling: null, before: false })], done)).toEqual([true]);
  });

  it("lets only the first new job in the group's order start, whatever the order of the insertions", () => {
    const g = serial([job("A", { id: "a", status: "complete" }), job("B", { id: "b", status: "running" })]);
    const early = insertion("Early", { sibling: "b", before: true });
    const late = insertion("Late", { sibling: "b", before: false });
    expect(starts([late, early], g)).toEqual([false, true]);
    expect(starts([early, late], g)).toEqual([true, false]);
  });

  it("lets part 1 of a split insertion start, sent first or second", () => {
    const g = serial([job("A", { id: "a", status: "complete" })]);
    const one = insertion("P1", { sibling: "a", before: false }, 1);
    const two = insertion("P2", { sibling: "a", before: false }, 2);
    expect(starts([two, one], g)).toEqual([false, true]);
    expect(starts([one, two], g)).toEqual([true, false]);
  });

  it("starts every eligible job of a running parallel group, and none of a group not running", () => {
    const kids = [job("K", { id: "k", status: "running" })];
    const parallel = { ...serial(kids), parallel: true } as LiveGroupRun;
    const a = insertion("A", { sibling: "k", before: true });
    const b = insertion("B", { sibling: "k", before: false });
    expect(starts([a, b], parallel)).toEqual([true, true]);
    const waiting = { ...serial(kids), status: "waiting" } as LiveGroupRun;
    expect(starts([a, b], waiting)).toEqual([false, false]);
    const serialWaiting = {
      ...serial([job("K", { id: "k", status: "complete" })]),
      status: "waiting",
    } as LiveGroupRun;
    expect(starts([b], serialWaiting)).toEqual([false]);
  });
});
