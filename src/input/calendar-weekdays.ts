import { didYouMean } from "./did-you-mean.js";
import { showValue } from "./show-value.js";

/**
 * A process's `businessDaysOfWeek` as the API gives it (lower-case weekday names, `monday` …
 * `friday`) → business days indexed 0 = Monday … 6 = Sunday. Names are read in any case, and
 * the three-letter forms (`mon`, `TUE`) are accepted too. Absent or null: Monday–Friday (§12).
 * An empty list, a name that is not a weekday, or something other than a list is an error
 * naming it.
 */

export const WEEKDAY_NAMES = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;

export const MONDAY_TO_FRIDAY_DAYS: readonly boolean[] = [true, true, true, true, true, false, false];

export type WeekdaysResult =
  | { readonly ok: true; readonly businessDays: readonly boolean[] }
  | { readonly ok: false; readonly message: string };

/** Full and three-letter names → 0 = Monday … 6 = Sunday. */
const WEEKDAY_INDEX: ReadonlyMap<string, number> = new Map(
  WEEKDAY_NAMES.flatMap((name, i): [string, number][] => [
    [name, i],
    [name.slice(0, 3), i],
  ]),
);

function weekdayIndex(name: string): number {
  return WEEKDAY_INDEX.get(name.trim().toLowerCase()) ?? -1;
}

/** `value` is the field as read from `GET /processes/{id}` (anything JSON can hold). */
export function parseBusinessDaysOfWeek(value: unknown): WeekdaysResult {
  if (value === undefined || value === null) return { ok: true, businessDays: MONDAY_TO_FRIDAY_DAYS };
  if (!Array.isArray(value))
    return { ok: false, message: `businessDaysOfWeek is not a list of weekdays: ${showValue(value)}` };
  if (value.length === 0)
    return { ok: false, message: "businessDaysOfWeek is empty: workday() needs at least one business day" };
  const days = [false, false, false, false, false, false, false];
  for (const item of value) {
    const index = typeof item === "string" ? weekdayIndex(item) : -1;
    if (index < 0) {
      const hint = typeof item === "string" ? didYouMean(item.toLowerCase(), WEEKDAY_NAMES) : "";
      return {
        ok: false,
        message: `businessDaysOfWeek lists ${showValue(item)}, which is not a weekday${hint} (expected monday … sunday)`,
      };
    }
    days[index] = true;
  }
  return { ok: true, businessDays: days };
}
