/**
 * A saved plan file end to end (`jobsync plan --out`, `jobsync show`, `jobsync apply <file>`):
 * a stale, foreign, hand-edited or format-1 plan is refused or warned about, before any POST.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { apiPosts, dir, jobsync } from "./helpers/plan-cli.js";

describe("jobsync plan", () => {
  it("a stale or foreign plan file is refused by show with a clear message", async () => {
    await writeFile(join(dir, "bad.json"), '{"formatVersion": 99}');
    const { code, err } = await jobsync(["show", "bad.json"]);
    expect(code).toBe(1);
    expect(err).toMatch(/bad\.json/);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it("apply refuses a saved plan edited by hand, before any POST; show warns about it", async () => {
    await jobsync(["plan", "--out", "plan.json"]);
    const plan = JSON.parse(await readFile(join(dir, "plan.json"), "utf8"));
    const job = plan.processRuns[0].insertions[0].jobs[0];
    job.arguments[`${job.action}Args`].title = "Not what was reviewed";
    await writeFile(join(dir, "plan.json"), JSON.stringify(plan, null, 2));
    const applied = await jobsync(["apply", "plan.json"]);
    expect(applied.code).toBe(1);
    expect(applied.err).toContain(
      "plan.json was changed after jobsync wrote it: its content does not match its digest",
    );
    expect(apiPosts()).toHaveLength(0);
    const shown = await jobsync(["show", "plan.json"]);
    expect(shown.code).toBe(0);
    expect(shown.err).toContain("apply will refuse it");
    expect(shown.out).toContain("Not what was reviewed");
  });

  it("show draws a plan saved by jobsync 0.1 (format 1); apply refuses it with re-plan", async () => {
    const v1 = await readFile(resolve(import.meta.dirname, "fixtures/plans-v1/full.json"), "utf8");
    await writeFile(join(dir, "old.json"), v1);
    const shown = await jobsync(["show", "old.json"]);
    expect(shown.code).toBe(0);
    expect(shown.err).toContain("old.json is a plan of format 1");
    expect(shown.out).toMatch(/to create/);
    const applied = await jobsync(["apply", "old.json"]);
    expect(applied.code).toBe(1);
    expect(applied.err).toContain(
      "old.json was made by an older jobsync (plan format 1); it can be shown but not applied",
    );
    expect(applied.err).toContain("jobsync plan --out FILE");
    expect(apiPosts()).toHaveLength(0);
  });
});
