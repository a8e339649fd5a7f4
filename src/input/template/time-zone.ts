import { parseDate } from "./dates.js";

/**
 * §12: `run.created` and "today" are dates in config `timeZone` (an IANA name, default `UTC`).
 * An instant (ISO date-time as the API sends it, or a Date) → the `YYYY-MM-DD` it falls on there.
 */

const NO_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  try {
    const formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
    return formatter;
  } catch {
    return undefined;
  }
}

/** Whether `timeZone` is an IANA time zone name this runtime knows (`UTC`, `Europe/Berlin`). */
export function isTimeZone(timeZone: string): boolean {
  return formatterFor(timeZone) !== undefined;
}

/**
 * The calendar date of `instant` in `timeZone`, or undefined when the instant cannot be read or
 * the zone is unknown. A bare `YYYY-MM-DD` is already a date and is returned as it is.
 */
export function dateInTimeZone(instant: string | Date, timeZone: string): string | undefined {
  if (typeof instant === "string" && parseDate(instant) !== undefined) return instant;
  // A date-time without an offset is read as UTC (never as this machine's local time).
  const text = typeof instant === "string" && NO_OFFSET.test(instant) ? `${instant}Z` : instant;
  const time = typeof text === "string" ? Date.parse(text) : text.getTime();
  const formatter = formatterFor(timeZone);
  if (Number.isNaN(time) || formatter === undefined) return undefined;
  const parts = formatter.formatToParts(new Date(time));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const date = `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
  return parseDate(date) === undefined ? undefined : date;
}
