// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is the template syntax, not a JS placeholder
/**
 * Templates (§7) end to end: the CLI in-process against the emulator over real HTTP on port 0,
 * with processes that carry dates and business weekdays. Both patterns: a Process copied per
 * period (`targets:` with vars) and a Process run again each period (`run.created`, `process.*`);
 * the errors found offline and when planning; a saved plan the manifests no longer give is refused.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  AGAIN,
  type Args,
  COPIED,
  dir,
  emulator,
  jobsOf,
  jobsync,
  planJson,
} from "./helpers/templates-cli.js";

describe("templates: a Process copied per period (targets with vars)", () => {
  it("computes titles, people and business-day dates per target, with holidays", async () => {
    await writeFile(join(dir, "manifests", "close.yaml"), COPIED);
    const plan = await planJson();
    const oct = jobsOf(plan, "run-oct-2026");
    const nov = jobsOf(plan, "run-nov-2026");
    expect(oct.map((j) => [j.title, (j.assignee as Args).id, j.dueDate])).toEqual([
      // 2026-10-31 is a Saturday: Mon 2, Tue 3, Wed 4 November.
      ["Bank reconciliation: October 2026", "u-ann", "2026-11-04"],
      ["Sub-certification October 2026: ACME US", "u-dan", "2026-11-06"],
      ["Sub-certification October 2026: ACME DE", "u-eva", "2026-11-06"],
    ]);
    // 2026-11-30 is a Monday; December has no holiday before the 25th.
    expect(nov.map((j) => [j.title, (j.assignee as Args).id, j.dueDate])).toEqual([
      ["Bank reconciliation: November 2026", "u-bob", "2026-12-03"],
      ["Sub-certification November 2026: ACME US", "u-dan", "2026-12-07"],
      ["Sub-certification November 2026: ACME DE", "u-eva", "2026-12-07"],
    ]);
    expect(oct[0]?.approver).toEqual({ id: "u-cfo", type: "user" });
    expect(oct[1]?.source).toEqual({
      file: "manifests/close.yaml",
      line: 25,
      place: "target 1 · entities[0]",
      expressions: {
        title: "Sub-certification ${{ vars.month }}: ${{ entity.name }}",
        "assignee.id": "entity.owner",
        dueDate: "workday(eomonth(vars.periodEnd, 0), 5)",
      },
    });
  });

  it("applies, then re-plans to No changes", async () => {
    await writeFile(join(dir, "manifests", "close.yaml"), COPIED);
    const applied = await jobsync(["apply", "--auto-approve"]);
    expect(applied.err).toBe("");
    expect(applied.code).toBe(0);
    expect(applied.out).toMatch(/Apply complete! Job runs: 6 created in 2 requests\./);
    const again = await jobsync(["plan"]);
    expect(again.out.trimEnd().split("\n").at(-1)).toBe("No changes. Job runs match the manifests.");
  });
});

describe("templates: a Process run again each period (run.created, process.*)", () => {
  it("reads the process once and counts its own business weekdays", async () => {
    await writeFile(join(dir, "manifests", "again.yaml"), AGAIN);
    const plan = await planJson();
    // created 2026-12-01T23:30-05:00 is 2026-12-01 in New York (2026-12-02 in UTC); Mon–Thu weeks:
    // Wed 2, Thu 3 December.
    expect(jobsOf(plan, "run-monthly").map((j) => [j.title, j.dueDate])).toEqual([
      ["Close 2026-12-01 for Monthly close", "2026-12-03"],
      ["Final review", "2026-12-31"],
    ]);
    const processReads = emulator.requests.filter(
      (r) => r.method === "GET" && r.path === "/processes/p-monthly",
    );
    expect(processReads).toHaveLength(1);
  });
});

describe("templates: errors found offline and when planning", () => {
  it("validate names an unknown calendar at its line, with a did-you-mean", async () => {
    await writeFile(join(dir, "manifests", "close.yaml"), COPIED.replace("calendar: us", "calendar: uss"));
    const { code, out, err } = await jobsync(["validate"]);
    expect(out).toBe("");
    expect(err).toMatch(
      /^manifests\/close\.yaml:5:11: calendar `uss` is not a calendar of the config \(did you mean `us`\?\) nor a readable file \(manifests\/uss: ENOENT\); the config's calendars are us\n/,
    );
    expect(code).toBe(1);
  });

  it("validate counts template targets whose jobs wait for the API", async () => {
    await writeFile(join(dir, "manifests", "close.yaml"), COPIED);
    const { code, out } = await jobsync(["validate"]);
    expect(out).toBe(
      "2 manifests in 1 file are valid (0 job entries, and 2 template targets whose jobs are computed from the API when planning).\n",
    );
    expect(code).toBe(0);
  });

  it("plan reports a process.* value the process does not have, at the expression", async () => {
    const text = AGAIN.replace("${{ process.dueDate }}", "${{ process.businessStartDate }}").replace(
      "Monthly close",
      '"Month-end close: October 2026"',
    );
    await writeFile(join(dir, "manifests", "again.yaml"), text);
    const { code, err } = await jobsync(["plan"]);
    expect(err).toContain(
      "manifests/again.yaml:13:20: `process.businessStartDate`: the target's process has no `businessStartDate`",
    );
    expect(code).toBe(1);
  });
});

describe("a saved plan is what the manifests give now", () => {
  it("refuses a plan the current manifests would not produce, naming the first difference; nothing is sent", async () => {
    await writeFile(join(dir, "manifests", "close.yaml"), COPIED);
    expect((await jobsync(["plan", "--out", "plan.json"])).code).toBe(0);
    // The manifest changed after the review (a new preparer for November).
    await writeFile(
      join(dir, "manifests", "close.yaml"),
      COPIED.replace("preparer: u-bob", "preparer: u-zed"),
    );
    const { code, err } = await jobsync(["apply", "plan.json"]);
    expect(code).toBe(1);
    expect(err).toContain(
      'the saved plan plan.json is not what the manifests give now (process run run-nov-2026, insertion 1: job 1 is sendTask "Bank reconciliation: November 2026" in the saved plan but sendTask "Bank reconciliation: November 2026" with other arguments from the manifests now); nothing was applied',
    );
    expect(emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith("/jobRuns"))).toEqual([]);
    await writeFile(join(dir, "manifests", "close.yaml"), COPIED);
    expect((await jobsync(["apply", "plan.json"])).code).toBe(0);
  });
});
