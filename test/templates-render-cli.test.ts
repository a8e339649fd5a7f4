/**
 * `jobsync render` on templates, end to end against the emulator: each target's expanded manifest,
 * which plans the same as the template, and the same as JSON with its file and run.
 */
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Plan } from "../src/plan/plan-types.js";
import { COPIED, dir, jobsync, planJson } from "./helpers/templates-cli.js";

describe("jobsync render", () => {
  it("prints each target's expanded manifest, which plans the same as the template", async () => {
    await writeFile(join(dir, "manifests", "close.yaml"), COPIED);
    const { code, out, err } = await jobsync(["render", "--target", "run-nov-2026"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toBe(`# manifests/close.yaml:14 → process run run-nov-2026
apiVersion: jobsync/v1
kind: JobRuns
metadata:
  name: month-end-close
target:
  processRun: run-nov-2026
jobs:
  - sendTask:
      title: "Bank reconciliation: November 2026"
      assignee: u-bob
      approver: u-cfo
      dueDate: 2026-12-03
  - certification:
      title: "Sub-certification November 2026: ACME US"
      dueDate: 2026-12-07
      assignee: u-dan
  - certification:
      title: "Sub-certification November 2026: ACME DE"
      dueDate: 2026-12-07
      assignee: u-eva
`);
    const before = await planJson();
    const all = await jobsync(["render"]);
    expect(all.code).toBe(0);
    await rm(join(dir, "manifests", "close.yaml"));
    await writeFile(join(dir, "manifests", "rendered.yaml"), all.out);
    const after = await planJson();
    const bodies = (p: Plan) =>
      p.processRuns.map((r) => [r.id, r.insertions.map((i) => i.jobs.map((j) => j.arguments))]);
    expect(bodies(after)).toEqual(bodies(before));
  });

  it("--format json gives each manifest with its file and run", async () => {
    await writeFile(join(dir, "manifests", "close.yaml"), COPIED);
    const { code, out } = await jobsync(["render", "--format", "json"]);
    expect(code).toBe(0);
    const rendered = JSON.parse(out) as { file: string; line: number; runId: string }[];
    expect(rendered.map((r) => [r.file, r.line, r.runId])).toEqual([
      ["manifests/close.yaml", 12, "run-oct-2026"],
      ["manifests/close.yaml", 14, "run-nov-2026"],
    ]);
  });
});
