/** Calendar dates without time zone, as integer day numbers (0 = 1970-01-01, a Thursday). */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Day number of a civil date (proleptic Gregorian; Howard Hinnant's days_from_civil). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The civil date of a day number. */
export function civilDate(n: number): CivilDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The day number of a calendar-valid `YYYY-MM-DD`, or undefined. */
export function parseDate(text: string): number | undefined {
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return dayNumber(year, month, day);
}

/** `YYYY-MM-DD` of a day number. */
export function formatDate(n: number): string {
  const { year, month, day } = civilDate(n);
  const pad = (v: number, w: number) => String(v).padStart(w, "0");
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(n: number): number {
  return (((n + 3) % 7) + 7) % 7;
}

export function addDays(n: number, days: number): number {
  return n + days;
}

function shiftMonths(n: number, months: number): { year: number; month: number; day: number } {
  const { year, month, day } = civilDate(n);
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1, day };
}

/** The last day of the month `months` after the month of `n` (Excel EOMONTH). */
export function eomonth(n: number, months: number): number {
  const { year, month } = shiftMonths(n, months);
  return dayNumber(year, month, daysInMonth(year, month));
}

/** The same day `months` later, clamped to that month's end (Excel EDATE). */
export function edate(n: number, months: number): number {
  const { year, month, day } = shiftMonths(n, months);
  return dayNumber(year, month, Math.min(day, daysInMonth(year, month)));
}
