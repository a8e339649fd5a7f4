import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDate, parseDate, weekday } from "./dates.js";
import { type BusinessCalendar, workday } from "./workday.js";

const d = (s: string) => parseDate(s) as number;
const weekdays: BusinessCalendar = {
  businessDays: [true, true, true, true, true, false, false],
  holidays: new Set(),
};

function naive(start: number, n: number, cal: BusinessCalendar): number {
  let day = start;
  let left = Math.abs(n);
  while (left > 0) {
    day += n > 0 ? 1 : -1;
    if (cal.businessDays[weekday(day)] && !cal.holidays.has(day)) left -= 1;
  }
  return day;
}

describe("workday", () => {
  it("works like Excel", () => {
    expect(
      formatDate(workday(d("2026-12-24"), 1, { ...weekdays, holidays: new Set([d("2026-12-25")]) })),
    ).toBe("2026-12-28");
    expect(formatDate(workday(d("2026-12-26"), 0, weekdays))).toBe("2026-12-26");
    expect(formatDate(workday(d("2026-12-28"), -1, weekdays))).toBe("2026-12-25");
  });

  it("matches a day-by-day reference", () => {
    const lo = d("1990-01-01");
    const hi = d("2100-12-31");
    fc.assert(
      fc.property(
        fc.integer({ min: lo, max: hi }),
        fc.integer({ min: -400, max: 400 }),
        fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }).filter((b) => b.some(Boolean)),
        fc.array(fc.integer({ min: -600, max: 600 }), { maxLength: 40 }),
        (start, n, businessDays, offsets) => {
          const cal = { businessDays, holidays: new Set(offsets.map((o) => start + o)) };
          expect(workday(start, n, cal)).toBe(naive(start, n, cal));
        },
      ),
    );
  });
});
