import { describe, expect, it } from "vitest";
import type { JobRunCreateItem } from "../api/api-types.js";
import type { LiveGroupRun, LiveJobRun, LiveNode, LiveRun } from "../api/live-types.js";
import { decideReconcile, itemTitle, targetGroup } from "./reconcile.js";

const job = (id: string, title: string, action = "sendTask"): LiveJobRun => ({
  kind: "job",
  id,
  action,
  title,
  args: { title },
  generated: false,
});
const group = (id: string, name: string, children: LiveNode[]): LiveGroupRun => ({
  kind: "group",
  id,
  name,
  children,
});
const run = (children: LiveNode[]): LiveRun => ({
  id: "run-1",
  root: group("root", "", children),
  fingerprint: "f",
});
const item = (title: string, action = "sendTask"): JobRunCreateItem => ({
  action,
  arguments: { type: action, [`${action}Args`]: { title, assignee: { id: "u1", type: "user" } } },
  triggerType: "whenEligible",
});
const afterKickoff = { parentGroupId: null, relativeSiblingId: "jr-kick", before: false } as const;

describe("itemTitle", () => {
  it("reads arguments.<action>Args.title, or empty", () => {
    expect(itemTitle(item("A", "contentRequest"))).toBe("A");
    expect(
      itemTitle({ action: "sendTask", arguments: { type: "sendTask" }, triggerType: "whenEligible" }),
    ).toBe("");
  });
});

describe("targetGroup", () => {
  const live = run([job("jr-kick", "Kickoff"), group("grp-a", "Approvals", [job("jr-cfo", "CFO")])]);
  it("is the named group, the sibling's parent, or the root", () => {
    expect(targetGroup(live, { parentGroupId: "grp-a", relativeSiblingId: null, before: null })?.id).toBe(
      "grp-a",
    );
    expect(targetGroup(live, { parentGroupId: null, relativeSiblingId: "jr-cfo", before: true })?.id).toBe(
      "grp-a",
    );
    expect(targetGroup(live, { parentGroupId: null, relativeSiblingId: null, before: null })?.id).toBe(
      "root",
    );
    expect(
      targetGroup(live, { parentGroupId: "gone", relativeSiblingId: null, before: null }),
    ).toBeUndefined();
  });
});

describe("decideReconcile", () => {
  const items = [item("A"), item("B"), item("C")];

  it("adopts every item found in the target group (the request was committed)", () => {
    const live = run([job("jr-kick", "Kickoff"), job("n1", "A"), job("n2", "B"), job("n3", "C")]);
    expect(decideReconcile(items, afterKickoff, live)).toEqual({
      kind: "decided",
      found: ["n1", "n2", "n3"],
      resend: [],
    });
  });

  it("re-sends everything at the original position when nothing is there", () => {
    const live = run([job("jr-kick", "Kickoff")]);
    expect(decideReconcile(items, afterKickoff, live)).toEqual({
      kind: "decided",
      found: [null, null, null],
      resend: [{ position: afterKickoff, indexes: [0, 1, 2] }],
    });
  });

  it("re-sends missing slices next to the found ones, keeping plan order", () => {
    const live = run([job("jr-kick", "Kickoff"), job("n2", "B")]);
    const decision = decideReconcile(items, afterKickoff, live);
    expect(decision).toEqual({
      kind: "decided",
      found: [null, "n2", null],
      resend: [
        { position: { parentGroupId: null, relativeSiblingId: "n2", before: true }, indexes: [0] },
        { position: { parentGroupId: null, relativeSiblingId: "n2", before: false }, indexes: [2] },
      ],
    });
  });

  it("places a trailing gap after the last found item", () => {
    const live = run([job("n1", "A"), job("n2", "B")]);
    const end = { parentGroupId: null, relativeSiblingId: null, before: null };
    const decision = decideReconcile(items, end, live);
    expect(decision.kind === "decided" && decision.resend).toEqual([
      { position: { parentGroupId: null, relativeSiblingId: "n2", before: false }, indexes: [2] },
    ]);
  });

  it("matches by action and title, only in the target group", () => {
    const live = run([
      job("jr-kick", "Kickoff"),
      job("other-kind", "A", "contentRequest"),
      group("grp-a", "Approvals", [job("elsewhere", "B")]),
    ]);
    const decision = decideReconcile(items, afterKickoff, live);
    expect(decision.kind === "decided" && decision.found).toEqual([null, null, null]);
  });

  it("looks inside the parentGroupId group", () => {
    const live = run([group("grp-a", "Approvals", [job("jr-cfo", "CFO"), job("n1", "A")])]);
    const decision = decideReconcile(
      [item("A")],
      { parentGroupId: "grp-a", relativeSiblingId: null, before: null },
      live,
    );
    expect(decision).toEqual({ kind: "decided", found: ["n1"], resend: [] });
  });

  it("claims each live job run once", () => {
    const live = run([job("n1", "A")]);
    const decision = decideReconcile([item("A"), item("A")], afterKickoffRoot(), live);
    expect(decision.kind === "decided" && decision.found).toEqual(["n1", null]);
  });

  it("never adopts a generated job run, even with the item's action and title", () => {
    const generated: LiveJobRun = { ...job("gen-1", "A"), generated: true };
    const live = run([job("jr-kick", "Kickoff"), generated, job("n1", "A")]);
    const decision = decideReconcile([item("A"), item("A")], afterKickoff, live);
    expect(decision).toEqual({
      kind: "decided",
      found: ["n1", null],
      resend: [{ position: { parentGroupId: null, relativeSiblingId: "n1", before: false }, indexes: [1] }],
    });
  });

  it("is unverifiable when the target group is gone", () => {
    const live = run([]);
    expect(decideReconcile(items, afterKickoff, live).kind).toBe("unverifiable");
  });
});

function afterKickoffRoot() {
  return { parentGroupId: null, relativeSiblingId: null, before: null } as const;
}
