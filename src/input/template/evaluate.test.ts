// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is the template syntax, not a JS placeholder
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDate, parseDate, weekday } from "./dates.js";
import { evaluateString } from "./evaluate-template.js";
import type { TemplateScope } from "./scope.js";
import { type BusinessCalendar, workday } from "./workday.js";

const scope: TemplateScope = {
  vars: {
    month: "October 2026",
    periodEnd: "2026-10-31",
    count: 3,
    ratio: 1.5,
    flag: true,
    nothing: null,
    entities: [
      { name: "ACME US", owner: "u-dan" },
      { name: "ACME DE", owner: "u-eva" },
    ],
    nested: { a: { b: "deep" } },
  },
  loops: new Map([["entity", { name: "ACME US", owner: "u-dan" }]]),
  process: { id: "p-1", name: "Close", dueDate: "2026-11-30" },
  run: { id: "r-1", name: "Close Oct", created: "2026-10-01" },
};

const ok = (text: string, s: TemplateScope = scope) => {
  const r = evaluateString(text, s);
  expect(r.problems).toEqual([]);
  return r;
};

/** The one problem, as a 1-based column inside the string and its message. */
const problem = (text: string, s: TemplateScope = scope) => {
  const r = evaluateString(text, s);
  expect(r.problems).toHaveLength(1);
  expect(r.value).toBeUndefined();
  return { col: (r.problems[0]?.offset ?? -1) + 1, message: r.problems[0]?.message };
};

describe("whole-value expressions keep their type", () => {
  it.each([
    ["${{ vars.entities }}", "list"],
    ["${{ vars.nested }}", "map"],
    ["${{ vars.count }}", "integer"],
    ["${{ vars.ratio }}", "number"],
    ["${{ vars.flag }}", "boolean"],
    ["${{ vars.nothing }}", "null"],
    ["${{ vars.periodEnd }}", "date"],
    ["${{ vars.month }}", "string"],
    ["${{ -7 }}", "integer"],
    ["${{ 2026-10-31 }}", "date"],
    ["${{ '2026-10-31' }}", "date"],
    ["${{ 'it''s' }}", "string"],
    ["${{ workday(vars.periodEnd, 3) }}", "date"],
  ])("%s is %s", (text, type) => {
    expect(ok(text).type).toBe(type);
  });

  it("gives the values themselves", () => {
    expect(ok("${{ vars.entities }}").value).toEqual(scope.vars.entities);
    expect(ok("${{ vars.count }}").value).toBe(3);
    expect(ok("${{ 'it''s' }}").value).toBe("it's");
    expect(ok("${{ vars.nested.a.b }}").value).toBe("deep");
    expect(ok("${{ entity.owner }}").value).toBe("u-dan");
    expect(ok("${{ process.dueDate }}")).toMatchObject({ value: "2026-11-30", type: "date" });
    expect(ok("${{ run.created }}").value).toBe("2026-10-01");
    expect(ok("${{ process.id }}").value).toBe("p-1");
  });

  it("computes the four functions", () => {
    expect(ok("${{ workday(vars.periodEnd, 3) }}").value).toBe("2026-11-04");
    expect(ok("${{ workday(eomonth(vars.periodEnd, 0), 5) }}").value).toBe("2026-11-06");
    expect(ok("${{ eomonth(2026-01-15, 1) }}").value).toBe("2026-02-28");
    expect(ok("${{ eomonth(2024-01-15, 1) }}").value).toBe("2024-02-29");
    expect(ok("${{ edate(2026-01-31, 1) }}").value).toBe("2026-02-28");
    expect(ok("${{ edate(2026-03-31, -13) }}").value).toBe("2025-02-28");
    expect(ok("${{ addDays(2026-12-31, 1) }}").value).toBe("2027-01-01");
    expect(ok("${{ addDays(run.created, -1) }}").value).toBe("2026-09-30");
    expect(ok("${{ workday(process.dueDate, vars.count) }}").value).toBe("2026-12-03");
  });

  it("counts the scope's calendar: holidays and the process's weekdays", () => {
    const christmas = parseDate("2026-12-25") as number;
    const s = {
      ...scope,
      calendar: {
        businessDays: [true, true, true, true, true, false, false],
        holidays: new Set([christmas]),
      },
    };
    expect(ok("${{ workday(2026-12-24, 1) }}", s).value).toBe("2026-12-28");
    // n = 0 returns the date itself even on a holiday or weekend (Excel).
    expect(ok("${{ workday(2026-12-25, 0) }}", s).value).toBe("2026-12-25");
    const sixDays = {
      ...scope,
      calendar: { businessDays: [true, true, true, true, true, true, false], holidays: new Set<number>() },
    };
    expect(ok("${{ workday(2026-12-04, 1) }}", sixDays).value).toBe("2026-12-05");
  });
});

describe("expressions inside text", () => {
  it("writes values as text", () => {
    expect(ok("Bank reconciliation: ${{ vars.month }}").value).toBe("Bank reconciliation: October 2026");
    expect(
      ok("Due ${{ workday(vars.periodEnd, 3) }} (${{ vars.count }}, ${{ vars.flag }}, ${{ vars.ratio }})")
        .value,
    ).toBe("Due 2026-11-04 (3, true, 1.5)");
    expect(ok("${{ vars.periodEnd }} ").value).toBe("2026-10-31 ");
    expect(ok("Sub-certification ${{ vars.month }}: ${{ entity.name }}").type).toBe("string");
  });

  it("makes text that reads as a date a date", () => {
    expect(ok("${{ '2026' }}-12-31")).toMatchObject({ value: "2026-12-31", type: "date" });
  });

  it("refuses a list, mapping or null inside text", () => {
    expect(problem("Entities: ${{ vars.entities }}")).toEqual({
      col: 15,
      message: "`vars.entities` is a list, which cannot be written inside text",
    });
    expect(problem("x ${{ vars.nested }}").message).toContain("is a mapping");
    expect(problem("x ${{ vars.nothing }}").message).toContain("is nothing (null)");
  });

  it("leaves text without expressions alone", () => {
    expect(ok("plain")).toEqual({ value: "plain", type: "string", problems: [], expressions: [] });
  });

  it("lists the expressions as written", () => {
    expect(ok("a ${{  vars.month }} b ${{workday(vars.periodEnd, 3)}}").expressions).toEqual([
      "vars.month",
      "workday(vars.periodEnd, 3)",
    ]);
  });
});

describe("names and types are checked, at the exact column", () => {
  it.each([
    ["${{ vars.mnth }}", 10, "unknown variable `vars.mnth` (did you mean `vars.month`?)"],
    ["${{ vars.zzzzzz }}", 10, "unknown variable `vars.zzzzzz`; the vars are month, periodEnd, count"],
    ["${{ vars }}", 5, "`vars` needs a name: `vars.NAME`"],
    ["T ${{ entiy.name }}", 7, "unknown name `entiy` (did you mean `entity`?)"],
    [
      "${{ item.name }}",
      5,
      "unknown name `item`; expected vars, process, run or the forEach names here: entity",
    ],
    ["${{ entity.ownr }}", 12, "`entity` has no field `ownr` (did you mean `owner`?)"],
    ["${{ entity.xyzzy }}", 12, "`entity` has no field `xyzzy`; its fields are name, owner"],
    ["${{ vars.month.name }}", 16, '`vars.month` is text "October 2026", it has no field `name`'],
    ["${{ vars.nested.a.c }}", 19, "`vars.nested.a` has no field `c`"],
    ["${{ process.duedate }}", 13, "unknown field `process.duedate` (did you mean `dueDate`?)"],
    ["${{ process }}", 5, "`process` needs a field: process.name, process.id, process.dueDate"],
    ["${{ run.started }}", 9, "unknown field `run.started`; expected run.id, run.name, run.created"],
    ["${{ process.name.x }}", 18, "`process.name` is text, it has no field `x`"],
    ["${{ workday(vars.month, 3) }}", 13, '`date` must be a date (YYYY-MM-DD), got text "October 2026"'],
    ["${{ workday('2026-02-30', 3) }}", 13, "`date` must be a date"],
    ["${{ workday(vars.periodEnd, '3') }}", 29, 'workday(date, n): `n` must be an integer, got text "3"'],
    [
      "${{ eomonth(vars.periodEnd, vars.ratio) }}",
      29,
      "eomonth(date, months): `months` must be an integer, got the number 1.5",
    ],
    ["${{ workday(vars.entities, 1) }}", 13, "got a list"],
    ["${{ addDays(9999-12-31, 1) }}", 5, "addDays(date, n): the result is outside the years 0001–9999"],
    ["${{ workday(2026-01-01, 99999999999) }}", 5, "outside the years"],
  ])("%s → col %i", (text, col, message) => {
    const p = problem(text);
    expect(p.message).toContain(message);
    expect(p.col).toBe(col);
  });

  it("does not read inherited properties as fields", () => {
    expect(problem("${{ vars.constructor }}").message).toContain("unknown variable");
    expect(problem("${{ entity.toString }}").message).toContain("has no field");
  });

  it("reports every argument's problem", () => {
    expect(evaluateString("${{ workday(vars.mnth, vars.cont) }}", scope).problems).toHaveLength(2);
  });

  it("names a process value the process does not have", () => {
    expect(problem("${{ process.businessStartDate }}")).toEqual({
      col: 5,
      message: "`process.businessStartDate`: the target's process has no `businessStartDate`",
    });
    expect(problem("${{ process.dueDate }}", { ...scope, process: { dueDate: "soon" } }).message).toBe(
      '`process.dueDate` is not a date: "soon"',
    );
  });

  it("refuses process.* and run.* where they are unavailable", () => {
    const s = { ...scope, unavailable: { process: "in a target's name", run: "in a target's name" } };
    expect(problem("Close ${{ run.created }}", s)).toEqual({
      col: 11,
      message: "`run.created` cannot be used in a target's name",
    });
  });
});

describe("friendlier messages", () => {
  it("says how to call a function named without parentheses, and that lists are not indexed", () => {
    expect(problem("${{ workday }}").message).toBe("`workday` is a function: call it as workday(date, n)");
    expect(problem("${{ vars.entities[0] }}")).toMatchObject({
      col: 18,
      message: expect.stringContaining("forEach"),
    });
  });
});

describe("check mode (offline) type-checks without the API", () => {
  const offline: TemplateScope = { vars: scope.vars, loops: scope.loops, mode: "check" };

  it("types process, run and workday results without values", () => {
    expect(evaluateString("${{ workday(process.dueDate, 3) }}", offline)).toMatchObject({
      type: "date",
      problems: [],
    });
    expect(evaluateString("${{ workday(process.dueDate, 3) }}", offline).value).toBeUndefined();
    expect(evaluateString("${{ run.name }}", offline)).toMatchObject({ type: "string", problems: [] });
    expect(evaluateString("Close ${{ run.name }}", offline)).toEqual({
      problems: [],
      expressions: ["run.name"],
    });
    expect(evaluateString("${{ eomonth(vars.periodEnd, 0) }}", offline).value).toBe("2026-10-31");
  });

  it("still finds wrong argument types and unknown names", () => {
    expect(evaluateString("${{ workday(process.name, 3) }}", offline).problems[0]?.message).toBe(
      "workday(date, n): `date` must be a date (YYYY-MM-DD), got text",
    );
    expect(evaluateString("${{ edate(run.created, vars.month) }}", offline).problems).toHaveLength(1);
    expect(evaluateString("${{ process.nme }}", offline).problems[0]?.message).toContain(
      "did you mean `name`",
    );
  });
});

describe("workday() equals the reference", () => {
  function naive(start: number, n: number, cal: BusinessCalendar): number {
    let day = start;
    for (let left = Math.abs(n); left > 0; ) {
      day += n > 0 ? 1 : -1;
      if (cal.businessDays[weekday(day)] && !cal.holidays.has(day)) left -= 1;
    }
    return day;
  }

  it("for any date, n, weekdays and holidays (weekends, year ends and leap days included)", () => {
    const lo = parseDate("1999-12-01") as number;
    const hi = parseDate("2101-01-31") as number;
    fc.assert(
      fc.property(
        fc.integer({ min: lo, max: hi }),
        fc.integer({ min: -300, max: 300 }),
        fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }).filter((b) => b.some(Boolean)),
        fc.array(fc.integer({ min: -450, max: 450 }), { maxLength: 30 }),
        (start, n, businessDays, offsets) => {
          const calendar = { businessDays, holidays: new Set(offsets.map((o) => start + o)) };
          const r = evaluateString(`\${{ workday(${formatDate(start)}, ${n}) }}`, { vars: {}, calendar });
          expect(r.problems).toEqual([]);
          expect(r.value).toBe(formatDate(naive(start, n, calendar)));
          expect(r.value).toBe(formatDate(workday(start, n, calendar)));
        },
      ),
      { numRuns: 500 },
    );
  });
});
