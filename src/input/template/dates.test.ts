import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysInMonth, edate, eomonth, formatDate, parseDate, weekday } from "./dates.js";

const from = parseDate("1990-01-01") as number;
const to = parseDate("2100-12-31") as number;

describe("dates", () => {
  it("parses calendar-valid dates only", () => {
    expect(parseDate("2024-02-29")).toBeDefined();
    expect(parseDate("2023-02-29")).toBeUndefined();
    expect(parseDate("1900-02-29")).toBeUndefined();
    expect(parseDate("2026-13-01")).toBeUndefined();
    expect(parseDate("2026-1-01")).toBeUndefined();
    expect(parseDate("1970-01-01")).toBe(0);
    expect(weekday(parseDate("2026-12-25") as number)).toBe(4);
  });

  it("round-trips day numbers", () => {
    fc.assert(fc.property(fc.integer({ min: from, max: to }), (n) => parseDate(formatDate(n)) === n));
  });

  it("eomonth and edate match a naive month walk", () => {
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), fc.integer({ min: -60, max: 60 }), (n, months) => {
        const [y, m, d] = formatDate(n).split("-").map(Number) as [number, number, number];
        let year = y;
        let month = m;
        for (let i = 0; i < Math.abs(months); i += 1) {
          month += months > 0 ? 1 : -1;
          if (month === 13) [year, month] = [year + 1, 1];
          if (month === 0) [year, month] = [year - 1, 12];
        }
        const mm = String(month).padStart(2, "0");
        const last = daysInMonth(year, month);
        expect(formatDate(eomonth(n, months))).toBe(`${year}-${mm}-${last}`);
        const day = String(Math.min(d, last)).padStart(2, "0");
        expect(formatDate(edate(n, months))).toBe(`${year}-${mm}-${day}`);
      }),
    );
  });
});
