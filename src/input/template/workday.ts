import { weekday } from "./dates.js";

/** Which weekdays are business days (index 0 = Monday … 6 = Sunday) and which days are holidays. */
export interface BusinessCalendar {
  readonly businessDays: readonly boolean[];
  readonly holidays: ReadonlySet<number>;
}

/**
 * Excel WORKDAY on day numbers: the day `n` business days after `start` (before, for negative
 * `n`); `start` itself is never counted, and `n = 0` returns `start`. Whole weeks are skipped at
 * once; holidays met on the way are then made up one business day at a time.
 */
export function workday(start: number, n: number, calendar: BusinessCalendar): number {
  if (n === 0) return start;
  const perWeek = calendar.businessDays.filter(Boolean).length;
  if (perWeek === 0) throw new Error("a business calendar needs at least one business day");
  const step = n > 0 ? 1 : -1;
  let remaining = Math.abs(n);
  let day = start;
  // Whole weeks, leaving at least one business day to walk (so `day` ends on a business day).
  const weeks = Math.floor((remaining - 1) / perWeek);
  const isBusiness = (d: number) => calendar.businessDays[weekday(d)] === true;
  if (weeks > 0) {
    const end = day + step * 7 * weeks;
    let lost = 0;
    for (const h of calendar.holidays) {
      const inside = step > 0 ? h > day && h <= end : h < day && h >= end;
      if (inside && isBusiness(h)) lost += 1;
    }
    day = end;
    remaining = remaining - weeks * perWeek + lost;
  }
  while (remaining > 0) {
    day += step;
    if (isBusiness(day) && !calendar.holidays.has(day)) remaining -= 1;
  }
  return day;
}
