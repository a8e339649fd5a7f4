import { isScalar, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { compareByPlace, type Diagnostic } from "../diagnostics/diagnostic.js";
import { expecting } from "./expectations.js";
import { offsetAt, positionOf } from "./positions.js";
import { checkSchema } from "./schema-problems.js";
import type { PathKey } from "./schema-walk.js";
import { showValue } from "./show-value.js";
import { parseDate } from "./template/dates.js";
import type { BusinessCalendar } from "./template/workday.js";
import { placeYamlErrors } from "./yaml-syntax-errors.js";

/**
 * A holiday calendar file (§7): `holidays: [{ date: 2026-12-25, name: Christmas Day }, …]`,
 * checked with the same `file:line:col` messages as manifests. Optional top-level `name` and
 * `description` document the file; `name` of a holiday is optional. A date listed twice is
 * allowed (the first name is kept). Holidays on days that are not business days change nothing.
 */

const holidaySchema = expecting(
  z.strictObject({
    date: expecting(
      z.iso
        .date({ error: (iss) => `expected a date as YYYY-MM-DD, got ${showValue(iss.input)}` })
        .meta({ description: "The holiday's date, YYYY-MM-DD." }),
      "a date, YYYY-MM-DD",
    ),
    name: z.string().optional().meta({ description: "What the holiday is called (shown nowhere else)." }),
  }),
  "a holiday: { date: YYYY-MM-DD, name: … }",
);

export const calendarFileSchema = expecting(
  z.strictObject({
    name: z.string().optional(),
    description: z.string().optional(),
    holidays: expecting(z.array(holidaySchema), "a list of holidays: [{ date: YYYY-MM-DD, name: … }]"),
  }),
  "a calendar: a mapping with `holidays:` (a list of { date: YYYY-MM-DD, name: … })",
);

/** The holidays of one calendar file. */
export interface HolidayCalendar {
  /** The file as given to `parseCalendarText` (shown in messages). */
  readonly file: string;
  /** Day number (see template/dates.ts) → the holiday's name ("" when it has none). */
  readonly holidays: ReadonlyMap<number, string>;
}

export interface ParsedCalendar {
  /** Present when the file has no errors. */
  readonly calendar?: HolidayCalendar;
  readonly diagnostics: readonly Diagnostic[];
}

/** Parses and checks one calendar file's text; `file` is used as given in diagnostics. */
export function parseCalendarText(text: string, file: string): ParsedCalendar {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const placed = placeYamlErrors(text, doc.errors);
  if (placed.length > 0) {
    const diagnostics = placed.map(({ offset, error }): Diagnostic => {
      const message =
        error.code === "DUPLICATE_KEY"
          ? `duplicate key \`${keyAt(text, offset)}\` (a key may appear only once in a mapping)`
          : `YAML syntax error: ${error.message.split("\n")[0]}`;
      return { severity: "error", file, ...positionOf(lineCounter, offset), message };
    });
    return { diagnostics: diagnostics.sort(compareByPlace) };
  }
  const at = (path: readonly PathKey[], where: "key" | "value" = "value") => ({
    file,
    ...positionOf(lineCounter, offsetAt(doc, path, where)),
  });
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return {
      diagnostics: [
        {
          severity: "error",
          ...at([]),
          message: `YAML error: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return {
      diagnostics: [
        {
          severity: "error",
          file,
          line: 1,
          col: 1,
          message:
            "the calendar file is empty: expected `holidays:` (a list of { date: YYYY-MM-DD, name: … })",
        },
      ],
    };
  }
  const checked = checkSchema(calendarFileSchema, value);
  if (!checked.ok) {
    const diagnostics = checked.problems.map(
      (p): Diagnostic => ({ severity: "error", ...at(p.path, p.at), message: p.message }),
    );
    return { diagnostics: diagnostics.sort(compareByPlace) };
  }
  const holidays = new Map<number, string>();
  for (const holiday of checked.data.holidays) {
    const day = parseDate(holiday.date);
    if (day !== undefined && !holidays.has(day)) holidays.set(day, holiday.name ?? "");
  }
  return { calendar: { file, holidays }, diagnostics: [] };
}

/** The key written at `offset` (up to its colon). */
function keyAt(text: string, offset: number): string {
  const match = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^:\n]*)/.exec(text.slice(offset, offset + 1100));
  return (match?.[1] ?? "").trim();
}

/**
 * The calendar `workday()` counts: the process's business weekdays (Monday–Friday when it
 * gives none; see calendar-weekdays.ts) and the holidays of the manifest's calendar, if any.
 */
export function businessCalendar(
  businessDays: readonly boolean[],
  holidays?: HolidayCalendar,
): BusinessCalendar {
  return { businessDays, holidays: new Set(holidays?.holidays.keys() ?? []) };
}
