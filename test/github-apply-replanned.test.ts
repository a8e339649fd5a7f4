import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../github/scripts/apply-replanned.mjs";
import { APPLIED_LINE } from "../github/scripts/apply-result.mjs";
import { APPLY_MARKER } from "../github/scripts/find-reviewed-plan.mjs";
import { captured, type FakeGitHub, startFakeGitHub, workflowEnv } from "./helpers/fake-github.js";

let fake: FakeGitHub;
let dir: string;
beforeEach(async () => {
  fake = await startFakeGitHub();
  dir = mkdtempSync(path.join(tmpdir(), "jobsync-replanned-"));
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function applyReplanned(code: number, extra: Record<string, string> = {}) {
  const calls: { args: readonly string[]; env: Readonly<Record<string, string | undefined>> }[] = [];
  const io = captured();
  const summary = path.join(dir, "summary.md");
  const result = await main(["plan.json"], {
    env: workflowEnv(fake, { GITHUB_SHA: "d".repeat(40), GITHUB_STEP_SUMMARY: summary, ...extra }),
    run: async (_command, args, env) => {
      calls.push({ args, env });
      return {
        code,
        output: code === 0 ? "Apply complete! Job runs: 1 created in 1 request.\n" : "Error: stale\n",
      };
    },
    ...io,
  });
  return { result, calls, ...io, summary: () => (existsSync(summary) ? readFileSync(summary, "utf8") : "") };
}

describe("the manual re-plan and apply", () => {
  it("applies the plan of the run, writes the summary, and posts to the pull request named", async () => {
    const done = await applyReplanned(0, { PR_NUMBER: "12" });
    expect(done.result).toBe(0);
    expect(done.calls.map((c) => c.args)).toEqual([["apply", "plan.json", "--auto-approve"]]);
    expect(done.calls[0]?.env.GITHUB_TOKEN).toBeUndefined();
    expect(done.summary()).toContain("the plan made and shown earlier in this run was applied");
    const comment = fake.comments.find((c) => c.issue === 12);
    expect(comment?.body.startsWith(`${APPLY_MARKER}\n${APPLIED_LINE}`)).toBe(true);
  });

  it("without a pull request only writes the summary; a refused plan fails the job", async () => {
    const done = await applyReplanned(1);
    expect(done.result).toBe(1);
    expect(done.summary()).toContain("refused or failed");
    expect(fake.requests).toEqual([]);
  });
});
