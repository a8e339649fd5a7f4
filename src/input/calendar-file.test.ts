import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../diagnostics/diagnostic.js";
import { businessCalendar, parseCalendarText } from "./calendar-file.js";
import { MONDAY_TO_FRIDAY_DAYS, parseBusinessDaysOfWeek } from "./calendar-weekdays.js";
import { parseDate } from "./template/dates.js";

const errors = (text: string) =>
  parseCalendarText(text, "calendars/us.yaml").diagnostics.map(formatDiagnostic);

describe("parseCalendarText", () => {
  it("reads holidays as day numbers with their names", () => {
    const text = [
      "name: US",
      "holidays:",
      "  - { date: 2026-12-25, name: Christmas Day }",
      "  - date: '2027-01-01'",
      "    name: New Year's Day",
      "  - date: 2026-11-26",
      "  - { date: 2026-12-25, name: again }",
    ].join("\n");
    const r = parseCalendarText(text, "us.yaml");
    expect(r.diagnostics).toEqual([]);
    expect(r.calendar?.file).toBe("us.yaml");
    expect([...(r.calendar?.holidays ?? [])]).toEqual([
      [parseDate("2026-12-25"), "Christmas Day"],
      [parseDate("2027-01-01"), "New Year's Day"],
      [parseDate("2026-11-26"), ""],
    ]);
    expect(parseCalendarText("holidays: []\n", "x.yaml").calendar?.holidays.size).toBe(0);
  });

  it("places each problem at file:line:col", () => {
    const text = [
      "holidays:",
      "  - { date: 2026-12-25, name: Christmas Day }",
      "  - { date: 2026-02-30, name: Nope }",
      "  - { dat: 2026-07-04 }",
      "  - date: 20260101",
    ].join("\n");
    expect(errors(text)).toEqual([
      'calendars/us.yaml:3:13: holidays[1].date: expected a date as YYYY-MM-DD, got "2026-02-30"',
      "calendars/us.yaml:4:5: holidays[2]: missing required key `date` (a date, YYYY-MM-DD)",
      "calendars/us.yaml:4:7: holidays[2]: unknown key `dat` (did you mean `date`?)",
      "calendars/us.yaml:5:11: holidays[3].date: expected a date as YYYY-MM-DD, got 20260101",
    ]);
  });

  it("refuses unknown top-level keys, a missing list and an empty file", () => {
    expect(errors("holiday:\n  - { date: 2026-12-25 }\n")).toEqual([
      "calendars/us.yaml:1:1: missing required key `holidays` (a list of holidays: [{ date: YYYY-MM-DD, name: … }])",
      "calendars/us.yaml:1:1: unknown key `holiday` (did you mean `holidays`?)",
    ]);
    expect(errors("holidays: 2026-12-25\n")).toEqual([
      'calendars/us.yaml:1:11: holidays: expected a list of holidays: [{ date: YYYY-MM-DD, name: … }], got "2026-12-25"',
    ]);
    expect(errors("")).toEqual([
      "calendars/us.yaml:1:1: the calendar file is empty: expected `holidays:` (a list of { date: YYYY-MM-DD, name: … })",
    ]);
    expect(errors("- 2026-12-25\n")[0]).toContain("calendars/us.yaml:1:1: expected a calendar");
  });

  it("reports YAML syntax errors where they start", () => {
    expect(errors("holidays:\n  - { date: 2026-12-25, name: 'Christmas }\n")[0]).toMatch(
      /^calendars\/us\.yaml:2:.*YAML syntax error/,
    );
    expect(errors("holidays: []\nholidays: []\n")).toEqual([
      "calendars/us.yaml:2:1: duplicate key `holidays` (a key may appear only once in a mapping)",
    ]);
  });

  it("builds the business calendar workday() counts", () => {
    const r = parseCalendarText("holidays: [{ date: 2026-12-25 }]", "x.yaml");
    const cal = businessCalendar(MONDAY_TO_FRIDAY_DAYS, r.calendar);
    expect(cal.holidays.has(parseDate("2026-12-25") as number)).toBe(true);
    expect(businessCalendar(MONDAY_TO_FRIDAY_DAYS).holidays.size).toBe(0);
  });
});

describe("parseBusinessDaysOfWeek", () => {
  it("reads the API's lower-case names (and other cases, three-letter forms)", () => {
    expect(parseBusinessDaysOfWeek(["monday", "tuesday", "wednesday", "thursday", "friday"])).toEqual({
      ok: true,
      businessDays: [true, true, true, true, true, false, false],
    });
    expect(parseBusinessDaysOfWeek(["SUNDAY", "Mon", "tue", "thursday"])).toEqual({
      ok: true,
      businessDays: [true, true, false, true, false, false, true],
    });
  });

  it("defaults to Monday–Friday when the process gives none", () => {
    expect(parseBusinessDaysOfWeek(undefined)).toEqual({ ok: true, businessDays: MONDAY_TO_FRIDAY_DAYS });
    expect(parseBusinessDaysOfWeek(null)).toEqual({ ok: true, businessDays: MONDAY_TO_FRIDAY_DAYS });
  });

  it("names an empty or unknown weekday list", () => {
    expect(parseBusinessDaysOfWeek([])).toEqual({
      ok: false,
      message: "businessDaysOfWeek is empty: workday() needs at least one business day",
    });
    expect(parseBusinessDaysOfWeek(["monday", "fridy"])).toEqual({
      ok: false,
      message:
        'businessDaysOfWeek lists "fridy", which is not a weekday (did you mean `friday`?) (expected monday … sunday)',
    });
    expect(parseBusinessDaysOfWeek([1])).toMatchObject({
      ok: false,
      message: expect.stringContaining("lists 1,"),
    });
    expect(parseBusinessDaysOfWeek("monday")).toEqual({
      ok: false,
      message: 'businessDaysOfWeek is not a list of weekdays: "monday"',
    });
  });
});
