/**
 * The review tree (contract §8): planned from a live run with the real planner, drawn as rows and
 * lines; golden files for the text and the markdown-diff forms.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DesiredEntry } from "../src/manifest/desired-types.js";
import { reviewRows } from "../src/render/review-model.js";
import { reviewLines } from "../src/render/review-text.js";
import { createStyle } from "../src/render/style.js";
import { group, job, liveRun, planRun, user, wantGroup, wantJob, wantRef } from "./helpers/builders.js";

const GOLDEN = join(import.meta.dirname, "golden", "plan");
function golden(file: string, actual: string): void {
  const path = join(GOLDEN, file);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `${path} is missing; run with UPDATE_GOLDEN=1 to create it`).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

const q4 = liveRun({
  id: "run-q4close",
  status: "running",
  root: { status: "running" },
  children: [
    job("Kickoff", { status: "complete" }),
    job("Collect trial balance", { status: "running" }),
    group("Approvals", [job("CFO sign-off", { status: "waiting" })], { status: "running" }),
    job("Tie-out 1", { status: "waiting" }),
    job("Tie-out 2", { status: "waiting" }),
    job("Stray 1", { status: "waiting" }),
    job("Stray 2", { status: "waiting" }),
    job("Ad-hoc reconciliation", { status: "waiting" }),
    job("Memo", { id: "memo-1", status: "complete" }),
    job("Memo", { id: "memo-2", status: "waiting" }),
  ],
});

const q4Manifest: DesiredEntry[] = [
  wantRef({ title: "Kickoff" }),
  wantJob("Review Q4 financial report", { args: { assignee: user("user123"), dueDate: "2024-12-15" } }),
  wantRef({ title: "Collect trial balance" }),
  wantGroup("Approvals", [
    wantRef({ title: "CFO sign-off" }),
    wantJob("Content Request 1", {
      action: "contentRequest",
      args: { assignee: user("user123"), approver: user("manager456"), document: "doc456" },
    }),
  ]),
  wantRef({ title: "Tie-out 1" }),
  wantRef({ title: "Tie-out 2" }),
  wantJob("Memo"),
];

describe("review tree", () => {
  const rows = reviewRows(planRun(q4, q4Manifest));

  it("puts new job runs in place with their neighbours, the groups on the way, duplicates, and folds the rest", () => {
    const summary = rows.map((r) =>
      r.kind === "fold"
        ? `fold ${r.count}/${r.unmanaged}`
        : r.kind === "group"
          ? `group ${r.group.name}`
          : r.kind === "new"
            ? `new ${String((r.job.arguments[`${r.job.action}Args`] as { title: string }).title)}${r.job.startsAtOnce ? " *" : ""}`
            : `live ${r.job.title}${r.unmanaged ? " ?" : ""}${r.duplicate ? " 2x" : ""}`,
    );
    expect(summary).toEqual([
      "live Kickoff",
      "new Review Q4 financial report *",
      "live Collect trial balance",
      "group Approvals",
      "live CFO sign-off",
      "new Content Request 1",
      "fold 5/3",
      "live Memo 2x",
      "live Memo ? 2x",
    ]);
  });

  it("draws the text tree (golden)", () => {
    golden(
      "review-tree.txt",
      `${reviewLines(rows, { style: createStyle(false), diff: false }).join("\n")}\n`,
    );
  });

  it("draws the markdown diff form with the marker in column 0 (golden)", () => {
    const lines = reviewLines(rows, { style: createStyle(false), diff: true });
    expect(lines.filter((l) => l.startsWith("+ "))).toHaveLength(2);
    golden("review-tree.diff.txt", `${lines.join("\n")}\n`);
  });

  it("escapes terminal controls in live titles", () => {
    const hostile = liveRun({
      id: "run-x",
      status: "running",
      root: { status: "running" },
      children: [job("Evil\u001b]0;owned\u0007\nApply complete!", { status: "complete" })],
    });
    const lines = reviewLines(
      reviewRows(
        planRun(hostile, [wantRef({ id: "job-Evil\u001b]0;owned\u0007\nApply complete!" }), wantJob("New")]),
      ),
      {
        style: createStyle(false),
        diff: false,
      },
    );
    expect(lines.join("\n")).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("Evil\\u001b]0;owned\\u0007\\u000aApply complete!");
  });

  it("has no rows for a run with nothing to create", () => {
    expect(reviewRows(planRun(q4, [wantRef({ title: "Kickoff" })]))).toEqual([]);
  });
});

describe("review tree properties", () => {
  it("shows every new job once in final order, and every live node exactly once (a row or inside a fold)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ managed: fc.boolean(), status: fc.constantFrom("complete", "waiting", "running") }),
          {
            maxLength: 12,
          },
        ),
        fc.array(fc.nat({ max: 12 }), { maxLength: 6 }),
        (live, newAt) => {
          const children = live.map((l, i) => job(`L${i}`, { status: l.status }));
          const run = liveRun({ id: "run-p", status: "running", root: { status: "running" }, children });
          const entries: DesiredEntry[] = [];
          const expectedNew: string[] = [];
          live.forEach((l, i) => {
            for (const [k, at] of newAt.entries()) {
              if (at === i) {
                entries.push(wantJob(`N${k}`));
                expectedNew.push(`N${k}`);
              }
            }
            if (l.managed) entries.push(wantRef({ title: `L${i}` }));
          });
          for (const [k, at] of newAt.entries()) {
            if (at >= live.length) {
              entries.push(wantJob(`N${k}`));
              expectedNew.push(`N${k}`);
            }
          }
          const rows = reviewRows(planRun(run, entries));
          const newTitles = rows.flatMap((r) =>
            r.kind === "new" ? [String((r.job.arguments.sendTaskArgs as { title: string }).title)] : [],
          );
          expect(newTitles).toEqual(expectedNew);
          if (expectedNew.length === 0) return;
          const liveShown = rows.filter((r) => r.kind === "live").length;
          const folded = rows.reduce((n, r) => n + (r.kind === "fold" ? r.count : 0), 0);
          expect(liveShown + folded).toBe(live.length);
          const unmanagedFolded = rows.reduce((n, r) => n + (r.kind === "fold" ? r.unmanaged : 0), 0);
          const unmanagedShown = rows.filter((r) => r.kind === "live" && r.unmanaged).length;
          expect(unmanagedFolded + unmanagedShown).toBe(live.filter((l) => !l.managed).length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
