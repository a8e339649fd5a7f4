import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appendToRoot, drift, hugePlan, plan, run, sendTask } from "../../test/helpers/plan-builders.js";
import { DEFAULT_MARKDOWN_MAX_CHARS, renderPlanMarkdown } from "./plan-markdown.js";

const NOTE =
  /^…(\d+) more process runs? not shown \(output truncated to stay under GitHub's comment limit\); run `jobsync show plan\.json` for the full plan\.$/m;

/** Lines that open or close a fence, and whether they pair up into diff/text blocks. */
function fences(md: string): string[] {
  return md.split("\n").filter((line) => /^`{3,}/.test(line));
}

/** The markdown outside fenced blocks (where HTML would be live). */
function outsideFences(md: string): string {
  const kept: string[] = [];
  let closer: string | undefined;
  for (const line of md.split("\n")) {
    const marks = /^`{3,}/.exec(line)?.[0];
    if (closer === undefined && marks) closer = marks;
    else if (closer !== undefined && line === closer) closer = undefined;
    else if (closer === undefined) kept.push(line);
  }
  return kept.join("\n");
}

describe("renderPlanMarkdown", () => {
  it("shows the summary line in bold under the heading", () => {
    const md = renderPlanMarkdown(plan([run("run-a", { insertions: [appendToRoot([sendTask("One")])] })]));
    expect(
      md.startsWith("### jobsync plan\n\n**Plan: 1 job run to create in 1 request across 1 process run.**\n"),
    ).toBe(true);
    expect(md).toContain("<details><summary>");
    expect(md).toContain(
      '```diff\n+ 1 job run at the end of the process run\n+     sendTask "One"  assignee=user1\n```',
    );
    expect(md).not.toMatch(NOTE);
  });

  it("stays under the default limit for a huge plan and says how many runs it left out", () => {
    const md = renderPlanMarkdown(hugePlan(600, 20));
    expect(md.length).toBeLessThanOrEqual(DEFAULT_MARKDOWN_MAX_CHARS);
    expect(md.length).toBeGreaterThan(DEFAULT_MARKDOWN_MAX_CHARS - 2000);
    expect(md).toContain("**Plan: 8000 job runs to create in 400 requests across 400 process runs.**");
    const shown = md.match(/<details>/g)?.length ?? 0;
    expect(Number(md.match(NOTE)?.[1])).toBe(600 - shown);
    expect(fences(md).length % 2).toBe(0);
  });

  it("stays under any limit", () => {
    const big = hugePlan(40, 6);
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 20_000 }), (maxChars) => {
        const md = renderPlanMarkdown(big, { maxChars });
        expect(md.length).toBeLessThanOrEqual(maxChars);
        expect(md).toMatch(NOTE);
        expect(fences(md).length % 2).toBe(0);
      }),
    );
  });

  it("lists runs with no changes in one section", () => {
    const md = renderPlanMarkdown(plan([run("run-a"), run("run-b")]));
    expect(md).toContain("<details><summary>2 process runs with no changes</summary>");
    expect(md).toContain('  process run run-b "Run run-b" (manifests/run-b.yaml): no changes');
  });

  it("keeps user text inside its fence and out of the HTML", () => {
    const evil = "```\n</details><script>alert(1)</script>";
    const md = renderPlanMarkdown(
      plan([
        run("run-a", {
          name: `<img src=x onerror=alert(1)> ${evil}`,
          insertions: [appendToRoot([sendTask(evil), sendTask("````` five")])],
          drift: [drift(evil, [{ field: "title", manifest: "a", live: "``````" }])],
        }),
      ]),
    );
    expect(outsideFences(md)).not.toContain("<script>");
    expect(outsideFences(md)).not.toContain("<img");
    expect(md).toContain("&lt;img src=x onerror=alert(1)&gt;");
    // The fence is longer than any backtick run inside it, and only the fence lines start with backticks.
    expect(fences(md)).toEqual(["```````diff", "```````"]);
    expect(outsideFences(md).match(/<\/details>/g)?.length).toBe(1);
  });

  it("keeps arbitrary titles inside their fence", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string(), (title, name) => {
        const md = renderPlanMarkdown(
          plan([run("r", { name, insertions: [appendToRoot([sendTask(title)])] })]),
        );
        const open = fences(md);
        expect(open).toHaveLength(2);
        expect(open[1]).toBe(open[0]!.replace("diff", ""));
        expect(outsideFences(md)).not.toMatch(/<(?!\/?(details|summary)>)/);
      }),
    );
  });
});
