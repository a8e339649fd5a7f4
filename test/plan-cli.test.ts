/**
 * `jobsync plan` end to end: the CLI in-process against the emulator (demo seed) over real HTTP
 * on port 0, with the repository's sample manifests: output formats, --target, errors and warnings.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { LiveGroupRun, LiveJobRun } from "../src/api/live-types.js";
import { parseProcessRun } from "../src/api/parse-run.js";
import { runCli } from "../src/cli/main.js";
import type { Plan } from "../src/plan/plan-types.js";
import { memoryIO } from "./helpers/memory-io.js";
import {
  apiPosts,
  CONFIG,
  dir,
  emulator,
  env,
  jobsync,
  NO_CHANGES,
  PLAN_LINE,
  SECRET,
} from "./helpers/plan-cli.js";
import { lastLine } from "./helpers/text.js";

describe("jobsync plan", () => {
  it("prints the plan, exits 2 with --detailed-exitcode, and sends no POST", async () => {
    const { code, out, err } = await jobsync(["plan", "--detailed-exitcode"]);
    expect(err).toBe("");
    expect(code).toBe(2);
    expect(lastLine(out)).toBe(PLAN_LINE);
    expect(out).toMatch(
      /\n {6}Kickoff +sendTask +complete\n {4}\+ Review Q4 financial report +sendTask +assignee=user123 dueDate=2024-12-15 +starts at once\n/,
    );
    expect(out).toMatch(
      /# process run run-vendor "Vendor onboarding" \(\S*vendor\.yaml: vendor-onboarding\): 3 to create in 1 request\n/,
    );
    expect(apiPosts()).toHaveLength(0);
  });

  it("exits 0 with changes pending when --detailed-exitcode is not given", async () => {
    expect((await jobsync(["plan"])).code).toBe(0);
  });

  it("saves a plan that show renders exactly as plan printed it, with no secret in it", async () => {
    const planned = await jobsync(["plan", "--out", "plan.json"]);
    expect(planned.code).toBe(0);
    expect(planned.err).toContain("Saved the plan to plan.json");
    const saved = await readFile(join(dir, "plan.json"), "utf8");
    expect(saved).not.toContain(SECRET);
    expect(saved).not.toMatch(/access_token|Bearer/i);
    const shown = await jobsync(["show", "plan.json"]);
    expect(shown.code).toBe(0);
    expect(shown.out).toBe(planned.out);
  });

  it("--format json is the saved plan file's object, with the §6 fields", async () => {
    const { code, out } = await jobsync(["plan", "--format", "json", "--out", "plan.json"]);
    expect(code).toBe(0);
    expect(out).toBe(await readFile(join(dir, "plan.json"), "utf8"));
    const plan = JSON.parse(out);
    expect(plan.formatVersion).toBe(2);
    expect(plan.summary).toMatchObject({ create: 16, requests: 8, processRuns: 5, inSync: 0, unmanaged: 1 });
    const vendor = plan.processRuns.find((r: { id: string }) => r.id === "run-vendor");
    expect(vendor.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(vendor.insertions).toEqual([
      expect.objectContaining({
        parentGroupId: null,
        relativeSiblingId: null,
        before: null,
        jobs: [
          expect.objectContaining({
            action: "sendTask",
            arguments: {
              type: "sendTask",
              sendTaskArgs: { title: "Collect W-9", assignee: { id: "user123", type: "user" } },
            },
            triggerType: "whenEligible",
            source: { file: expect.stringMatching(/manifests\/vendor\.yaml$/), line: expect.any(Number) },
          }),
          expect.anything(),
          expect.anything(),
        ],
      }),
    ]);
  });

  it("--format markdown is a pull-request comment", async () => {
    const { code, out } = await jobsync(["plan", "--format", "markdown"]);
    expect(code).toBe(0);
    expect(out).toContain(`**${PLAN_LINE}**`);
    expect(out).toMatch(/\| Process run \| Manifest \|[^\n]*\n\|---\|---\|[^\n]*\n(\| run-[^\n]*\n){3}/);
    expect(out).toContain("<details open>");
    expect(out).toContain("```diff");
  });

  it("--target limits the plan to the given runs", async () => {
    const { code, out } = await jobsync(["plan", "--target", "run-vendor"]);
    expect(code).toBe(0);
    expect(lastLine(out)).toBe("Plan: 3 job runs to create in 1 request across 1 process run.");
    expect(out).not.toContain("run-q4close");
  });

  it("--target also takes a manifest's process id", async () => {
    const { code, out } = await jobsync(["plan", "--target", "proc-vendor"]);
    expect(code).toBe(0);
    expect(lastLine(out)).toBe("Plan: 3 job runs to create in 1 request across 1 process run.");
  });

  it("--target that no manifest targets is an error, not a silent No changes", async () => {
    const { code, err } = await jobsync(["plan", "--target", "run-typo", "--detailed-exitcode"]);
    expect(code).toBe(1);
    expect(err).toContain("--target run-typo: no manifest targets this process run");
    expect(err).toContain(
      "run-annual-2024, run-close-december-2026, run-close-november-2026, run-q4close, run-vendor",
    );
    expect(apiPosts()).toHaveLength(0);
  });

  it("says No changes (exit 0 with --detailed-exitcode) once applied", async () => {
    expect((await jobsync(["apply", "--auto-approve"])).code).toBe(0);
    const before = apiPosts().length;
    const { code, out } = await jobsync(["plan", "--detailed-exitcode"]);
    expect(code).toBe(0);
    expect(lastLine(out)).toBe(NO_CHANGES);
    expect(apiPosts()).toHaveLength(before);
  });

  it("rejects an unknown --format with exit 1 and no request", async () => {
    const { code, err } = await jobsync(["plan", "--format", "yaml"]);
    expect(code).toBe(1);
    expect(err).toContain("--format must be one of text, json, markdown");
    expect(emulator.requests).toHaveLength(0);
  });

  it("without credentials says which variables to set, with no stack", async () => {
    const io = memoryIO({ cwd: dir, env: { JOBSYNC_BASE_URL: emulator.url } });
    const code = await runCli(["plan", "--config", CONFIG], io);
    expect(code).toBe(1);
    expect(io.err()).toContain("WORKIVA_CLIENT_ID");
    expect(io.err()).not.toMatch(/\n\s+at /);
  });

  it("reports manifest errors first, even when the runs' downloads (started meanwhile) fail", async () => {
    const manifests = join(dir, "manifests");
    await mkdir(manifests);
    await writeFile(join(dir, "jobsync.config.json"), JSON.stringify({ manifests: "manifests" }));
    await writeFile(
      join(manifests, "a-good.yaml"),
      "apiVersion: jobsync/v1\nkind: JobRuns\ntarget: { processRun: run-vendor }\njobs: []\n",
    );
    await writeFile(join(manifests, "b-bad.yaml"), "apiVersion: jobsync/v1\nkind: JobRun\n");
    const io = memoryIO({ cwd: dir, env: { JOBSYNC_BASE_URL: emulator.url, JOBSYNC_TOKEN: "not-a-token" } });
    const code = await runCli(["plan"], io);
    expect(code).toBe(1);
    expect(io.err()).toMatch(/^manifests\/b-bad\.yaml:2:\d+: .*kind/m);
    expect(io.err()).not.toMatch(/HTTP 401|token/i);
    // The good manifest's run was requested while the bad file was still being read.
    expect(emulator.requests.some((r) => r.path === "/processRuns/run-vendor" && r.status === 401)).toBe(
      true,
    );
  });

  it("reports a missing group as a plan error at its file and line, exit 1", async () => {
    const manifests = join(dir, "manifests");
    await writeFile(join(dir, "jobsync.config.json"), JSON.stringify({ manifests: "manifests" }));
    await import("node:fs/promises").then((fs) => fs.mkdir(manifests));
    await writeFile(
      join(manifests, "q4.yaml"),
      [
        "apiVersion: jobsync/v1",
        "kind: JobRuns",
        "target: { processRun: run-q4close }",
        "jobs:",
        "  - group: Sign-offs",
        "    jobs:",
        "      - sendTask: { title: New, assignee: user1 }",
        "",
      ].join("\n"),
    );
    const io = memoryIO({ cwd: dir, env: env() });
    const code = await runCli(["plan"], io);
    expect(code).toBe(1);
    expect(io.err()).toMatch(/^manifests\/q4\.yaml:5:\d+: .*Sign-offs/m);
    expect(io.err()).not.toMatch(/\n\s+at /);
  });

  it("shows manifest warnings (an empty extra manifest file) without changing the exit code", async () => {
    const manifests = resolve(import.meta.dirname, "../manifests");
    await writeFile(
      join(dir, "jobsync.config.json"),
      JSON.stringify({ manifests: [manifests, "extra/empty.yaml"] }),
    );
    await import("node:fs/promises").then((fs) => fs.mkdir(join(dir, "extra")));
    await writeFile(join(dir, "extra/empty.yaml"), "# nothing yet\n");
    const warning = "extra/empty.yaml: warning: this file has no manifest documents";
    const run = async (args: string[]) => {
      const io = memoryIO({ cwd: dir, env: env() });
      const code = await runCli(args, io);
      return { code, out: io.out(), err: io.err() };
    };

    const text = await run(["plan", "--detailed-exitcode"]);
    expect(text.code).toBe(2);
    expect(text.out).toContain(warning);
    expect(lastLine(text.out)).toBe(PLAN_LINE);

    const markdown = await run(["plan", "--format", "markdown"]);
    expect(markdown.code).toBe(0);
    expect(markdown.out).toContain(warning);

    const json = await run(["plan", "--format", "json"]);
    expect(json.code).toBe(0);
    expect(json.err).toContain(warning);
    expect(json.out).not.toContain("warning");
    expect(JSON.parse(json.out).summary.create).toBe(16);

    const applied = await run(["apply", "--auto-approve"]);
    expect(applied.code).toBe(0);
    expect(applied.out).toContain(warning);
  });

  it("marks starts-at-once exactly the new job runs the emulator starts on creation", async () => {
    await jobsync(["plan", "--out", "plan.json"]);
    const plan: Plan = JSON.parse(await readFile(join(dir, "plan.json"), "utf8"));
    expect((await jobsync(["apply", "plan.json"])).code).toBe(0);
    const seen = { starts: 0, waits: 0 };
    for (const run of plan.processRuns) {
      const live = jobsByTitle(parseProcessRun(emulator.snapshotRun(run.id)).root);
      for (const job of run.insertions.flatMap((i) => i.jobs)) {
        const title = String((job.arguments[`${job.action}Args`] as { title: string }).title);
        expect({ title, running: live.get(title)?.status === "running" }).toEqual({
          title,
          running: job.startsAtOnce,
        });
        seen[job.startsAtOnce ? "starts" : "waits"] += 1;
      }
    }
    expect(seen.starts).toBeGreaterThan(0);
    expect(seen.waits).toBeGreaterThan(0);
  });
});

function jobsByTitle(group: LiveGroupRun, out = new Map<string, LiveJobRun>()): Map<string, LiveJobRun> {
  for (const child of group.children) {
    if (child.kind === "group") jobsByTitle(child, out);
    else out.set(child.title, child);
  }
  return out;
}
