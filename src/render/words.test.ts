import { describe, expect, it } from "vitest";
import type { Insertion, PlanSummary } from "../plan/plan-types.js";
import {
  bare,
  insertionWords,
  jobWords,
  positionWords,
  quote,
  summaryLine,
  truncate,
  unmanagedWords,
} from "./words.js";

const summary = (create: number, requests: number, processRuns: number): PlanSummary => ({
  create,
  requests,
  processRuns,
  inSync: 0,
  drift: 0,
  outOfOrder: 0,
  unmanaged: 0,
  duplicates: 0,
});

describe("summaryLine", () => {
  it("uses singular nouns for one", () => {
    expect(summaryLine(summary(1, 1, 1))).toBe(
      "Plan: 1 job run to create in 1 request across 1 process run.",
    );
  });
  it("uses plural nouns otherwise", () => {
    expect(summaryLine(summary(4, 2, 3))).toBe(
      "Plan: 4 job runs to create in 2 requests across 3 process runs.",
    );
  });
  it("says no changes only when nothing is missing, drifted, out of order or duplicated (unmanaged does not count)", () => {
    expect(summaryLine({ ...summary(0, 0, 0), unmanaged: 2, inSync: 5 })).toBe(
      "No changes. Job runs match the manifests.",
    );
    expect(summaryLine({ ...summary(0, 0, 0), drift: 2, outOfOrder: 1, unmanaged: 2, inSync: 5 })).toBe(
      "No job runs to create. 3 job runs differ from the manifests; jobsync cannot change them.",
    );
    expect(summaryLine({ ...summary(0, 0, 0), duplicates: 1 })).toBe(
      "No job runs to create. 1 job run differs from the manifests; jobsync cannot change them.",
    );
  });
});

describe("positions in words", () => {
  const root = { kind: "group", id: "root", label: "" } as const;
  const approvals = { kind: "group", id: "g1", label: "Approvals" } as const;
  const kickoff = { kind: "job", id: "j1", label: "Kickoff" } as const;

  it("names the sibling for before and after, with the group path when nested", () => {
    expect(positionWords({ where: "after", sibling: kickoff, group: root, groupPath: [] })).toBe(
      'after job run "Kickoff"',
    );
    expect(positionWords({ where: "before", sibling: approvals, group: root, groupPath: [] })).toBe(
      'before group "Approvals"',
    );
    expect(
      positionWords({ where: "before", sibling: kickoff, group: approvals, groupPath: ["P", "Approvals"] }),
    ).toBe('before job run "Kickoff" in group "P" > "Approvals"');
  });

  it("says the end of the process run for the root, the end of the group otherwise", () => {
    expect(positionWords({ where: "end", group: root, groupPath: [] })).toBe("at the end of the process run");
    expect(positionWords({ where: "end", group: approvals, groupPath: ["Approvals"] })).toBe(
      'at the end of group "Approvals"',
    );
  });

  it("counts jobs and shows the part of a split run", () => {
    const insertion: Insertion = {
      parentGroupId: null,
      relativeSiblingId: null,
      before: null,
      jobs: [],
      explain: { where: "end", group: root, groupPath: [], part: { index: 2, of: 3 } },
    };
    expect(insertionWords(insertion)).toBe("0 job runs at the end of the process run (part 2 of 3)");
  });
});

describe("values in words", () => {
  it("escapes control characters and quotes, so a title stays on one line", () => {
    expect(quote('a "b"\n\u001b[31m')).toBe('"a \\"b\\"\\n\\u001b[31m"');
  });
  it("truncates long values with an ellipsis", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abcd", 4)).toBe("abcd");
    expect(truncate("😀😀😀😀😀", 3)).toBe("😀😀…");
  });
  it("prints ids and dates bare, anything else quoted", () => {
    expect(bare("user-1@x.com")).toBe("user-1@x.com");
    expect(bare("2024-12-15")).toBe("2024-12-15");
    expect(bare("two words")).toBe('"two words"');
    expect(bare("")).toBe('""');
  });
  it("shows a job's key arguments on one line", () => {
    const job = {
      action: "contentRequest",
      arguments: {
        type: "contentRequest",
        contentRequestArgs: {
          title: "Content Request 1",
          assignee: { id: "user123", type: "user" },
          approver: { id: "grp-9", type: "group" },
          document: "doc456",
          instructions: "not shown",
        },
      },
      triggerType: "manual",
      source: { file: "m.yaml", line: 3 },
      startsAtOnce: false,
    };
    expect(jobWords(job)).toBe(
      'contentRequest "Content Request 1"  assignee=user123  approver=group:grp-9  document=doc456  trigger=manual',
    );
  });
  it("agrees the unmanaged verb with the count", () => {
    expect(unmanagedWords(1)).toBe("1 job run in this process run is not managed by any manifest.");
    expect(unmanagedWords(2)).toBe("2 job runs in this process run are not managed by any manifest.");
  });
});
