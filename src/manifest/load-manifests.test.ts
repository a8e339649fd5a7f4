import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { DesiredEntry } from "./desired-types.js";
import { loadManifests } from "./load-manifests.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));

function titles(entries: readonly DesiredEntry[]): unknown[] {
  return entries.map((e) =>
    e.kind === "job"
      ? `${e.action}:${e.title}`
      : e.kind === "ref"
        ? { ref: e.by }
        : { group: e.by, jobs: titles(e.jobs) },
  );
}

describe("loadManifests on the sample manifests (the demo seed's targets)", () => {
  it("reads manifests/ recursively in sorted path order with paths relative to cwd", async () => {
    const { desired, parts, diagnostics, files } = await loadManifests(["manifests"], { cwd: repo });
    expect(diagnostics).toEqual([]);
    expect(files).toEqual([
      "manifests/annual/annual-report.yaml",
      "manifests/month-end-close.yaml",
      "manifests/q4-close.yaml",
      "manifests/vendor.yaml",
    ]);
    // The template's two targets call workday(), so they wait for the API (in file order).
    expect(parts.map((p) => (p.kind === "ready" ? p.manifest.target : p.pending.manifest.target))).toEqual([
      { type: "processName", name: "Annual Report 2024" },
      { type: "processName", name: "Month-end close: November 2026" },
      { type: "processName", name: "Month-end close: December 2026" },
      { type: "processRun", id: "run-q4close" },
      { type: "processId", id: "proc-vendor" },
    ]);
    expect(desired.manifests.map((m) => m.target)).toEqual([
      { type: "processName", name: "Annual Report 2024" },
      { type: "processRun", id: "run-q4close" },
      { type: "processId", id: "proc-vendor" },
    ]);
    const [annual, q4, vendor] = desired.manifests;
    expect(titles(q4?.jobs ?? [])).toEqual([
      { ref: { title: "Kickoff" } },
      "sendTask:Review Q4 financial report",
      "sendTask:Collect trial balance",
      {
        group: { name: "Approvals" },
        jobs: [
          "sendTask:CFO sign-off",
          "contentRequest:Content Request 1",
          "certification:Controller certification",
        ],
      },
      "sendTask:Publish results",
      "sendTask:Archive workpapers",
    ]);
    expect(titles(annual?.jobs ?? [])).toEqual([
      {
        group: { id: "grp-drafting" },
        jobs: ["contentRequest:Draft MD&A", "contentRequest:Draft notes to the financial statements"],
      },
      { group: { name: "Review" }, jobs: ["sendTask:Legal review", "sendTask:Audit committee review"] },
      { ref: { id: "jr-sox-302" } },
    ]);
    expect(titles(vendor?.jobs ?? [])).toEqual([
      "sendTask:Collect W-9",
      "sendTask:Bank details verification",
      "sendTask:Create vendor record",
    ]);
  });

  it("gives existing jobs exactly the live arguments of the demo seed", async () => {
    const { desired } = await loadManifests(["manifests/annual/annual-report.yaml"], { cwd: repo });
    const group = desired.manifests[0]?.jobs[0];
    const draft = group?.kind === "group" ? group.jobs[0] : undefined;
    expect(draft).toMatchObject({
      kind: "job",
      action: "contentRequest",
      triggerType: "whenEligible",
      args: {
        title: "Draft MD&A",
        assignee: { id: "user123", type: "user" },
        approver: { id: "manager456", type: "user" },
        document: "doc456",
        section: "section-mdna",
        instructions: "Update for FY2024.",
      },
      source: { file: "manifests/annual/annual-report.yaml", line: 11, col: 9 },
    });
  });
});
