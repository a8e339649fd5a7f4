import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appendToRoot, drift, hugePlan, plan, run, sendTask } from "../../test/helpers/plan-builders.js";
import { githubProvenance } from "./github-provenance.js";
import { DEFAULT_MARKDOWN_MAX_CHARS, renderPlanMarkdown } from "./plan-markdown.js";

const NOTE =
  /^Details not shown for (\d+) process runs? \(.*\) to stay under GitHub's comment limit; their rows above are complete\. Run `jobsync show plan\.json` for the full plan\.$/m;
const POINTER = /process runs are too many for one comment: see the job summary, or the plan artifact/;

/** Table rows (not the header or its rule). */
function rows(md: string): string[] {
  return md.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| Process run"));
}

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
  it("shows the summary line in bold under the heading, then the run table, then open details when short", () => {
    const md = renderPlanMarkdown(plan([run("run-a", { insertions: [appendToRoot([sendTask("One")])] })]));
    expect(
      md.startsWith(
        "### jobsync plan\n\n**Plan: 1 job run to create in 1 request across 1 process run.**\n\n| Process run |",
      ),
    ).toBe(true);
    expect(rows(md)).toEqual(["| run-a Run run-a | manifests/run-a.yaml | 1 | 1 | 0 | 0 | 0 | 0 |"]);
    expect(md).toContain("<details open><summary>");
    expect(md).toContain(
      '```diff\n+ 1 job run at the end of the process run\n+     sendTask "One"  assignee=user1\n```',
    );
    expect(md).not.toMatch(NOTE);
  });

  it("keeps every run's row for a huge plan, cuts details only, and names what it left out", () => {
    const md = renderPlanMarkdown(hugePlan(450, 20));
    expect(md.length).toBeLessThanOrEqual(DEFAULT_MARKDOWN_MAX_CHARS);
    expect(md).toContain("**Plan: 6000 job runs to create in 300 requests across 300 process runs.**");
    expect(rows(md)).toHaveLength(450);
    const shown = md.match(/<details>/g)?.length ?? 0;
    expect(shown).toBeGreaterThan(0);
    expect(Number(md.match(NOTE)?.[1])).toBe(300 - shown);
    expect(fences(md).length % 2).toBe(0);
  });

  it("past 500 runs keeps the summary line and points to the job summary and the plan artifact", () => {
    const md = renderPlanMarkdown(hugePlan(600, 2));
    expect(md).toMatch(POINTER);
    expect(rows(md)).toEqual([]);
    expect(md).not.toContain("<details");
  });

  it("stays under any limit, with every row or with the pointer, fences balanced", () => {
    const big = hugePlan(40, 6);
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 20_000 }), (maxChars) => {
        const md = renderPlanMarkdown(big, { maxChars });
        expect(md.length).toBeLessThanOrEqual(maxChars);
        if (!POINTER.test(md)) expect(rows(md)).toHaveLength(40);
        expect(fences(md).length % 2).toBe(0);
      }),
    );
  });

  it("gives runs with no changes a row and no details", () => {
    const md = renderPlanMarkdown(plan([run("run-a"), run("run-b")]));
    expect(rows(md)).toHaveLength(2);
    expect(md).not.toContain("<details");
  });

  it("names the commit, links the workflow run and the manifests under GitHub Actions", () => {
    const provenance = githubProvenance({
      GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: "acme/close",
      GITHUB_RUN_ID: "42",
    });
    expect(provenance).toBeDefined();
    const md = renderPlanMarkdown(plan([run("run-a")]), { provenance });
    expect(md.split("\n")[0]).toBe(
      "### jobsync plan for [`0123456`](https://github.com/acme/close/commit/0123456789abcdef0123456789abcdef01234567) · [workflow run 42](https://github.com/acme/close/actions/runs/42)",
    );
    expect(rows(md)[0]).toContain(
      "[manifests/run-a.yaml](https://github.com/acme/close/blob/0123456789abcdef0123456789abcdef01234567/manifests/run-a.yaml)",
    );
    expect(
      githubProvenance({
        GITHUB_SHA: "x y",
        GITHUB_SERVER_URL: "https://github.com",
        GITHUB_REPOSITORY: "a/b",
        GITHUB_RUN_ID: "1",
      }),
    ).toBeUndefined();
  });

  it("neutralises mentions and Markdown in names", () => {
    const md = renderPlanMarkdown(plan([run("run-a", { name: "@acme/finance *bold* | [x](y)" })]));
    expect(rows(md)[0]).toBe(
      "| run-a @&#8203;acme/finance \\*bold\\* \\| \\[x\\](y) | manifests/run-a.yaml | 0 | 0 | 0 | 0 | 0 | 0 |",
    );
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
        expect(outsideFences(md)).not.toMatch(/<(?!\/?(details|summary|br)>|details open>)/);
      }),
    );
  });
});
