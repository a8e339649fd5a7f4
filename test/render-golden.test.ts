/**
 * Golden files for the plan renderers: each Plan in test/fixtures/plans/<name>.json is rendered to
 * test/golden/plan/<name>.txt (no colour), <name>.color.txt (ANSI) and <name>.md, and compared
 * byte for byte. The JSON rendering is compared byte for byte with the fixture itself (a plan
 * rendered as JSON is its own input), so there is no JSON golden file to keep in step.
 *
 * To regenerate after an intended output change, run
 *   UPDATE_GOLDEN=1 npx vitest run test/render-golden.test.ts
 * then read the diff of test/golden/plan/ carefully before committing it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { serializePlan } from "../src/plan/plan-file.js";
import type { Plan } from "../src/plan/plan-types.js";
import { renderPlanMarkdown } from "../src/render/plan-markdown.js";
import { renderPlanText } from "../src/render/plan-text.js";
import { hugePlan } from "./helpers/plan-builders.js";

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, "fixtures", "plans");
const GOLDEN = join(here, "golden", "plan");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

function golden(file: string, actual: string): void {
  const path = join(GOLDEN, file);
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `${path} is missing; run with UPDATE_GOLDEN=1 to create it`).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, `${name}.json`), "utf8");
}

function fixture(name: string): Plan {
  return JSON.parse(fixtureText(name)) as Plan;
}

const NAMES = ["empty", "single", "full", "in-sync", "drift-only", "escaping", "review", "template"];

describe.each(NAMES)("plan %s", (name) => {
  const plan = fixture(name);
  it("renders text without colour", () => golden(`${name}.txt`, renderPlanText(plan, { color: false })));
  it("renders text with colour", () => golden(`${name}.color.txt`, renderPlanText(plan, { color: true })));
  it("renders JSON exactly as the fixture file", () => expect(serializePlan(plan)).toBe(fixtureText(name)));
  it("renders markdown", () => golden(`${name}.md`, renderPlanMarkdown(plan)));
});

describe("huge plan", () => {
  const plan = hugePlan(30, 4);
  it("renders markdown truncated to the limit", () => {
    const md = renderPlanMarkdown(plan, { maxChars: 6000 });
    expect(md.length).toBeLessThanOrEqual(6000);
    golden("huge.md", md);
  });
  it("renders markdown with the table and no details when even the first run's details do not fit", () => {
    const md = renderPlanMarkdown(hugePlan(2, 200), { maxChars: 3000 });
    expect(md.length).toBeLessThanOrEqual(3000);
    expect(md).toContain("| run-0000 ");
    golden("huge-first-run.md", md);
  });
});
