/**
 * Golden files for `jobsync status` (contract §8): the report in test/fixtures/status/demo.json
 * (read from the demo seed, then edited to hold a synced run, drift, duplicates and a hostile
 * run name) rendered as text (plain and colour) and markdown, compared byte for byte; the JSON
 * rendering is the fixture itself.
 *
 * To regenerate after an intended output change, run
 *   UPDATE_GOLDEN=1 npx vitest run test/status-golden.test.ts
 * then read the diff of test/golden/status/ before committing it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import type { StatusReport } from "../src/plan/status-report.js";
import { renderStatusJson, renderStatusMarkdown, renderStatusText } from "../src/render/status-text.js";

const FIXTURE = join(import.meta.dirname, "fixtures", "status", "demo.json");
const GOLDEN = join(import.meta.dirname, "golden", "status");

function golden(file: string, actual: string): void {
  const path = join(GOLDEN, file);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `${path} is missing; run with UPDATE_GOLDEN=1 to create it`).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("status golden files", () => {
  const text = readFileSync(FIXTURE, "utf8");
  const report = JSON.parse(text) as StatusReport;
  it("renders text without colour", () => golden("demo.txt", renderStatusText(report, { color: false })));
  it("renders text with colour", () => golden("demo.color.txt", renderStatusText(report, { color: true })));
  it("renders markdown", () => golden("demo.md", renderStatusMarkdown(report)));
  it("renders JSON exactly as the fixture file", () => expect(renderStatusJson(report)).toBe(text));
  it("lets no control character of a run name through", () => {
    expect(renderStatusText(report, { color: false })).not.toContain("\u001b");
    expect(renderStatusMarkdown(report)).not.toMatch(/<b>|@finance-team/);
  });
  it("renders as one table with seven cells in every row (a | in a name splits no cell)", () => {
    const html = micromark(renderStatusMarkdown(report), {
      extensions: [gfm()],
      htmlExtensions: [gfmHtml()],
    });
    const rows = html.split("<tr>").slice(2);
    expect(rows).toHaveLength(report.runs.length);
    for (const row of rows) expect(row.match(/<td/g)).toHaveLength(7);
    expect(html).toContain("Report | &lt;b&gt;");
  });
});
