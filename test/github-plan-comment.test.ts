import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main, PLAN_MARKER } from "../github/scripts/plan-comment.mjs";
import { BOT, captured, type FakeGitHub, startFakeGitHub, workflowEnv } from "./helpers/fake-github.js";
import { runScript } from "./helpers/run-script.js";

const HEAD = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
let fake: FakeGitHub;
let dir: string;

beforeEach(async () => {
  fake = await startFakeGitHub();
  dir = mkdtempSync(path.join(tmpdir(), "jobsync-plan-comment-"));
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function env(extra: Record<string, string> = {}) {
  return workflowEnv(fake, {
    PR_NUMBER: "7",
    HEAD_SHA: HEAD,
    PLAN_MARKDOWN: path.join(dir, "plan.md"),
    PLAN_ERROR: path.join(dir, "plan-error.txt"),
    ...extra,
  });
}

async function comment(mode: "pending" | "result", extra: Record<string, string> = {}) {
  const io = captured();
  const code = await main([mode], { env: env(extra), ...io });
  return { code, ...io };
}

const planComments = () => fake.comments.filter((c) => c.issue === 7 && c.body.startsWith(PLAN_MARKER));

describe("the sticky plan comment", () => {
  it("is created once, then updated in place on every push (never duplicated)", async () => {
    writeFileSync(
      path.join(dir, "plan.md"),
      "**Plan: 2 job runs to create in 1 request across 1 process run.**\n",
    );
    const first = await comment("result", { PLAN_OUTCOME: "success" });
    expect(first.code).toBe(0);
    expect(first.out()).toContain("created the plan comment on pull request #7");
    expect(planComments()).toHaveLength(1);
    const body = planComments()[0]?.body ?? "";
    expect(body.split("\n")[0]).toBe(PLAN_MARKER);
    expect(body).toContain("Plan: 2 job runs to create");
    expect(body).toContain(`[a1b2c3d](https://github.com/acme/manifests/commit/${HEAD})`);
    expect(body).toContain("[workflow run](https://github.com/acme/manifests/actions/runs/4242)");

    writeFileSync(path.join(dir, "plan.md"), "**No changes. Job runs match the manifests.**\n");
    const second = await comment("result", { PLAN_OUTCOME: "success" });
    expect(second.out()).toContain("updated the plan comment");
    expect(planComments()).toHaveLength(1);
    expect(planComments()[0]?.body).toContain("No changes.");
    expect(fake.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /repos/acme/manifests/issues/7/comments",
      `PATCH /repos/acme/manifests/issues/comments/${planComments()[0]?.id}`,
    ]);
  });

  it("says a new plan is being made before planning, so an old plan never looks current", async () => {
    writeFileSync(
      path.join(dir, "plan.md"),
      "**Plan: 1 job run to create in 1 request across 1 process run.**\n",
    );
    await comment("result", { PLAN_OUTCOME: "success" });
    await comment("pending");
    expect(planComments()).toHaveLength(1);
    expect(planComments()[0]?.body).toContain("planning commit [a1b2c3d]");
    expect(planComments()[0]?.body).not.toContain("Plan: 1 job run");
  });

  it("on failure replaces the plan with the error, escaped, naming the commit and the run", async () => {
    writeFileSync(
      path.join(dir, "plan.md"),
      "**Plan: 1 job run to create in 1 request across 1 process run.**\n",
    );
    await comment("result", { PLAN_OUTCOME: "success" });
    writeFileSync(path.join(dir, "plan-error.txt"), "Error: HTTP 403 for @ops <b>run</b>\n```\nnot closed\n");
    const failed = await comment("result", { PLAN_OUTCOME: "failure", VALIDATE_OUTCOME: "success" });
    expect(failed.code).toBe(0);
    expect(planComments()).toHaveLength(1);
    const body = planComments()[0]?.body ?? "";
    expect(body).toContain("jobsync plan failed for commit [a1b2c3d]");
    expect(body).toContain("no current plan");
    expect(body).toContain("actions/runs/4242");
    expect(body).not.toContain("Plan: 1 job run");
    expect(body).toContain("````\nError: HTTP 403 for @ops <b>run</b>\n```\nnot closed\n````");
  });

  it("points to the annotations when the manifests did not validate", async () => {
    const failed = await comment("result", { PLAN_OUTCOME: "skipped", VALIDATE_OUTCOME: "failure" });
    expect(failed.code).toBe(0);
    expect(planComments()[0]?.body).toContain("did not validate");
  });

  it("never edits a comment by someone else that carries the marker", async () => {
    fake.comments.push({ id: 1, issue: 7, body: `${PLAN_MARKER}\nfake plan`, user: { login: "mallory" } });
    writeFileSync(path.join(dir, "plan.md"), "**No changes.**\n");
    await comment("result", { PLAN_OUTCOME: "success" });
    expect(fake.comments.find((c) => c.id === 1)?.body).toBe(`${PLAN_MARKER}\nfake plan`);
    expect(fake.comments.filter((c) => c.user.login === BOT)).toHaveLength(1);
  });

  it("finds its comment on a later page", async () => {
    fake.pageSize = 2;
    for (let i = 0; i < 5; i++)
      fake.comments.push({ id: i + 1, issue: 7, body: `chat ${i}`, user: { login: "dev" } });
    fake.comments.push({ id: 99, issue: 7, body: `${PLAN_MARKER}\nold`, user: { login: BOT } });
    writeFileSync(path.join(dir, "plan.md"), "**No changes.**\n");
    await comment("result", { PLAN_OUTCOME: "success" });
    expect(fake.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      "PATCH /repos/acme/manifests/issues/comments/99",
    ]);
  });

  it("runs as a command, and fails with a message when the API refuses", async () => {
    writeFileSync(path.join(dir, "plan.md"), "**No changes.**\n");
    const script = path.resolve(import.meta.dirname, "../github/scripts/plan-comment.mjs");
    const ok = await runScript(script, ["result"], env({ PLAN_OUTCOME: "success" }));
    expect(ok.status).toBe(0);
    expect(planComments()).toHaveLength(1);
    const refused = await runScript(
      script,
      ["result"],
      env({ PLAN_OUTCOME: "success", GITHUB_TOKEN: "wrong" }),
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("answered 401");
    expect(refused.stderr).not.toContain("wrong");
  });
});
