// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is the template syntax, not a JS placeholder
import { describe, expect, it } from "vitest";
import { evaluateTemplate } from "./evaluate-template.js";
import { type FieldNeed, fieldTypeProblem } from "./field-types.js";
import { parseTemplate } from "./interpolate.js";
import { templateNeeds } from "./needs.js";
import type { TemplateScope } from "./scope.js";
import { isTemplateValue } from "./values.js";

const scope: TemplateScope = {
  vars: {
    month: "October 2026",
    periodEnd: "2026-10-31",
    count: 3,
    nothing: null,
    entities: [{ name: "ACME US" }],
    nested: { a: 1 },
  },
};

describe("fieldTypeProblem", () => {
  const judge = (text: string, need: FieldNeed, field: string, s: TemplateScope = scope) => {
    const template = parseTemplate(text);
    return fieldTypeProblem(template, evaluateTemplate(template, s), need, field);
  };

  it("names a dueDate that is not a date and a forEach that is not a list", () => {
    expect(judge("${{ vars.month }}", "date", "dueDate")).toEqual({
      offset: 4,
      length: 10,
      message: '`dueDate` needs a date (YYYY-MM-DD), but `vars.month` gives text "October 2026"',
    });
    expect(judge("${{ vars.nested }}", "list", "forEach")?.message).toBe(
      "`forEach` needs a list, but `vars.nested` gives a mapping",
    );
    expect(judge("${{ vars.entities }}", "text", "title")?.message).toContain("gives a list");
    expect(judge("${{ vars.nothing }}", "text", "title")?.message).toContain("gives nothing (null)");
  });

  it("accepts what fits, and does not judge an unknown type offline", () => {
    expect(judge("${{ workday(vars.periodEnd, 1) }}", "date", "dueDate")).toBeUndefined();
    expect(judge("${{ vars.count }}", "text", "title")).toBeUndefined();
    expect(judge("${{ vars.entities }}", "list", "forEach")).toBeUndefined();
    expect(judge("x${{ run.name }}", "date", "dueDate", { vars: {}, mode: "check" })).toBeUndefined();
    expect(judge("${{ process.name }}", "date", "dueDate", { vars: {}, mode: "check" })?.message).toBe(
      "`dueDate` needs a date (YYYY-MM-DD), but `process.name` gives text",
    );
  });
});

describe("isTemplateValue and friendlier names", () => {
  it("accepts YAML data and refuses what YAML never gives", () => {
    expect(isTemplateValue({ a: [1, "x", null, true, { b: 2.5 }] })).toBe(true);
    expect(isTemplateValue(undefined)).toBe(false);
    expect(isTemplateValue({ a: new Date() })).toBe(false);
    expect(isTemplateValue([Number.NaN])).toBe(false);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(isTemplateValue(cyclic)).toBe(false);
    const shared = { x: 1 };
    expect(isTemplateValue([shared, shared])).toBe(true);
  });
});

describe("templateNeeds", () => {
  it("lists process and run fields, workday and vars without evaluating", () => {
    const needs = templateNeeds(
      [
        "${{ workday(process.dueDate, 1) }}",
        "${{ run.created }} ${{ vars.a.b }} ${{ entity.x }}",
        "${{ process.bad }}",
      ].map(parseTemplate),
    );
    expect(needs).toEqual({
      process: new Set(["dueDate"]),
      run: new Set(["created"]),
      workday: true,
      vars: new Set(["a"]),
      names: new Set(["entity"]),
    });
    expect(templateNeeds([parseTemplate("${{ addDays(vars.d, 1) }}")]).workday).toBe(false);
  });
});
