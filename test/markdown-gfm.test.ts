/**
 * The markdown plan as GitHub would show it: rendered to HTML by a GFM parser (micromark with its
 * GFM extension; raw HTML allowed, as GitHub allows <details>), then checked for structure: the run
 * table first, every run named in a row, details balanced, every fence intact, nothing injected.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import type { Plan } from "../src/plan/plan-types.js";
import { renderPlanMarkdown } from "../src/render/plan-markdown.js";
import { appendToRoot, drift, hugePlan, plan, run, sendTask } from "./helpers/plan-builders.js";

function html(md: string): string {
  return micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** The checks every rendered plan must pass. */
function expectWellFormed(p: Plan, md: string): string {
  const out = html(md);
  expect(out.startsWith("<h3>jobsync plan")).toBe(true);
  const table = out.indexOf("<table>");
  expect(table).toBeGreaterThan(0);
  const firstDetails = out.indexOf("<details");
  if (firstDetails >= 0) expect(table).toBeLessThan(firstDetails);
  const body = out.slice(table, out.indexOf("</table>"));
  expect(count(body, /<tr>/g)).toBe(p.processRuns.length + 1);
  for (const r of p.processRuns) expect(body).toContain(`<td>${r.id}`);
  expect(count(out, /<details/g)).toBe(count(out, /<\/details>/g));
  expect(count(out, /<pre><code class="language-diff">/g)).toBe(count(out, /<details/g));
  expect(count(out, /<pre>/g)).toBe(count(out, /<\/pre>/g));
  return out;
}

describe("the markdown plan through a GFM renderer", () => {
  it("small plan: table, then one open section with its diff", () => {
    const p = plan([run("run-a", { insertions: [appendToRoot([sendTask("One")])] }), run("run-b")]);
    const out = expectWellFormed(p, renderPlanMarkdown(p));
    expect(count(out, /<details open>/g)).toBe(1);
  });

  it("the review fixture: tree inside the fences, drift lines kept", () => {
    const p: Plan = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures/plans/review.json"), "utf8"));
    const out = expectWellFormed(p, renderPlanMarkdown(p));
    expect(out).toContain("+ Review Q4 financial report");
    expect(out).toContain("starts at once");
  });

  it("large plan: every row, details cut with the note", () => {
    const p = hugePlan(450, 20);
    const out = expectWellFormed(p, renderPlanMarkdown(p));
    expect(out).toMatch(/Details not shown for \d+ process runs/);
  });

  it("hostile names and titles inject no HTML, link, mention or fence break", () => {
    const evil =
      "```\n</details><script>alert(1)</script> @acme/finance [x](https://evil.example) <img src=x>";
    const p = plan([
      run("run-a", {
        name: evil,
        insertions: [appendToRoot([sendTask(evil)])],
        drift: [drift(evil, [{ field: "title", manifest: evil, live: "``````" }])],
      }),
    ]);
    const out = expectWellFormed(p, renderPlanMarkdown(p));
    expect(out).not.toMatch(/<script|<img|<a /);
    // GitHub links mentions in text, never in code blocks.
    expect(out.replace(/<pre>[\s\S]*?<\/pre>/g, "")).not.toMatch(/@acme/);
  });
});
