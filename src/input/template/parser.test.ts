// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is the template syntax, not a JS placeholder
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTemplate } from "./interpolate.js";
import { parseExpression } from "./parser.js";

const parse = (text: string) => parseExpression(text, 0, text.length);

/** The one problem of a template, as `col: message` with a 1-based column inside the string. */
function problemOf(text: string): { col: number; message: string } {
  const parsed = parseTemplate(text);
  expect(parsed.problems).toHaveLength(1);
  const p = parsed.problems[0];
  return { col: (p?.offset ?? -1) + 1, message: p?.message ?? "" };
}

describe("parseExpression", () => {
  it("parses paths with offsets", () => {
    const r = parse("  vars.entity.owner ");
    expect(r).toEqual({
      ok: true,
      expr: {
        kind: "path",
        root: { name: "vars", start: 2, end: 6 },
        fields: [
          { name: "entity", start: 7, end: 13 },
          { name: "owner", start: 14, end: 19 },
        ],
        start: 2,
        end: 19,
      },
    });
  });

  it("parses literals: dates, negative integers, quoted strings with ''", () => {
    expect(parse("2026-10-31")).toMatchObject({ ok: true, expr: { kind: "date", text: "2026-10-31" } });
    expect(parse("-12")).toMatchObject({ ok: true, expr: { kind: "integer", value: -12 } });
    expect(parse("0")).toMatchObject({ ok: true, expr: { kind: "integer", value: 0 } });
    expect(parse("'it''s'")).toMatchObject({ ok: true, expr: { kind: "string", value: "it's" } });
    expect(parse("''")).toMatchObject({ ok: true, expr: { kind: "string", value: "" } });
  });

  it("parses nested calls with whitespace around tokens", () => {
    const r = parse(" workday ( eomonth(vars.periodEnd , 0) ,-5 ) ");
    expect(r).toMatchObject({
      ok: true,
      expr: {
        kind: "call",
        name: "workday",
        start: 1,
        args: [
          { kind: "call", name: "eomonth", args: [{ kind: "path" }, { kind: "integer", value: 0 }] },
          { kind: "integer", value: -5 },
        ],
      },
    });
  });
});

describe("syntax errors at their exact column", () => {
  it.each([
    ["${{ }}", 5, "empty expression"],
    ["a ${{ vars.x", 3, "`${{` is not closed with `}}`"],
    ["${{ vars. }}", 9, "expected a field name after `.`"],
    ["${{ vars.x + 1 }}", 12, "unexpected `+`: expressions have no operators"],
    ["${{ vars.x - 1 }}", 12, "no operators"],
    ["${{ 'abc }}", 5, "unterminated 'quoted string'"],
    ['${{ "abc" }}', 5, "single quotes"],
    ["${{ 2026-13-01 }}", 5, "`2026-13-01` is not a calendar date"],
    ["${{ 2026-1-5 }}", 5, "`2026-1-5` is not a date: write dates as YYYY-MM-DD"],
    ["${{ 1.5 }}", 5, "`1.5` is not an integer"],
    ["${{ vars.x vars.y }}", 12, "unexpected `vars` after the expression"],
    ["xx ${{ workday(vars.d 3) }}", 23, "expected `,` or `)` in the call of workday, found `3`"],
    ["${{ workday(vars.d, ) }}", 21, "expected a path, a literal or a function call, found `)`"],
    ["${{ workday(vars.d, 3 }}", 23, "expected `,` or `)` in the call of workday, found the end"],
    ["${{ vars.x(1) }}", 11, "only the functions"],
    ["${{ 99999999999999999999 }}", 5, "integer too large"],
    ["${{ # }}", 5, "unexpected character `#`"],
  ])("%s → col %i", (text, col, message) => {
    const p = problemOf(text);
    expect(p.message).toContain(message);
    expect(p.col).toBe(col);
  });

  it("names unknown functions with a did-you-mean", () => {
    expect(problemOf("Due ${{ workdays(vars.d, 3) }}")).toEqual({
      col: 9,
      message:
        "unknown function `workdays` (did you mean `workday`?); the functions are workday, eomonth, edate, addDays",
    });
    expect(problemOf("${{ EOMONTH(vars.d, 0) }}").message).toContain("(did you mean `eomonth`?)");
    expect(problemOf("${{ adddays(vars.d, 0) }}").message).toContain("(did you mean `addDays`?)");
  });

  it("checks the number of arguments", () => {
    expect(problemOf("${{ workday(vars.d) }}")).toEqual({
      col: 5,
      message: "workday takes 2 arguments, got 1: workday(date, n)",
    });
    expect(problemOf("${{ edate() }}").message).toBe("edate takes 2 arguments, got 0: edate(date, months)");
  });

  it("refuses calls nested without end", () => {
    const deep = `\${{ ${"addDays(".repeat(200)}1${", 1)".repeat(200)} }}`;
    expect(problemOf(deep).message).toContain("nested more than");
  });
});

describe("parseTemplate", () => {
  it("splits text and expressions, keeping their source", () => {
    const t = parseTemplate("Sub-certification ${{ vars.month }}: ${{entity.name}}!");
    expect(t.problems).toEqual([]);
    expect(t.parts.map((p) => (p.kind === "text" ? p.text : `[${p.source}]`))).toEqual([
      "Sub-certification ",
      "[vars.month]",
      ": ",
      "[entity.name]",
      "!",
    ]);
    expect(t.parts[1]).toMatchObject({ start: 18, end: 35 });
  });

  it("does not close an expression at a }} inside a quoted string", () => {
    const t = parseTemplate("${{ 'a}}b' }} c");
    expect(t.problems).toEqual([]);
    expect(t.parts[0]).toMatchObject({ kind: "expression", expr: { kind: "string", value: "a}}b" } });
    expect(t.parts[1]).toMatchObject({ kind: "text", text: " c" });
  });

  it("reports every expression's syntax error", () => {
    const t = parseTemplate("${{ + }} and ${{ vars. }}");
    expect(t.problems.map((p) => p.offset)).toEqual([4, 21]);
  });

  it("leaves text without expressions as one text part", () => {
    expect(parseTemplate("plain }} text").parts).toEqual([{ kind: "text", text: "plain }} text", start: 0 }]);
    expect(parseTemplate("").parts).toEqual([]);
  });

  it("never throws: any string gives parts or problems at offsets inside it", () => {
    const alphabet = fc.constantFrom(..."${}()',.-_ 0123456789avrsworkdayprocess\n\t+\"#".split(""));
    const pieces = fc.oneof(
      fc.string(),
      fc.string({ unit: alphabet }),
      fc.constantFrom("${{", "}}", "workday(", "vars.", "2026-10-31", "'", "''", ","),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (chunks) => {
        const text = chunks.join("");
        const t = parseTemplate(text);
        for (const p of t.problems) {
          expect(p.offset).toBeGreaterThanOrEqual(0);
          expect(p.offset).toBeLessThanOrEqual(text.length);
          expect(p.message.length).toBeGreaterThan(0);
        }
        const exprs = t.parts.filter((p) => p.kind === "expression");
        expect(exprs.filter((p) => p.expr === undefined)).toHaveLength(t.problems.length);
      }),
      { numRuns: 2000 },
    );
  });
});
