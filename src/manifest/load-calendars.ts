import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { type HolidayCalendar, parseCalendarText } from "../input/calendar-file.js";
import { didYouMean } from "../input/did-you-mean.js";
import { displayPath } from "../input/display-path.js";
import type { CalendarRef } from "./template-document.js";

/**
 * The holiday calendars manifests name (§7): `calendar: us` is a name from config `calendars`,
 * anything else a file path relative to the manifest. Each file is read and checked once,
 * whatever number of manifests name it.
 */

export interface LoadedCalendars {
  /** By document key (see template-document.ts). */
  readonly byDocument: ReadonlyMap<string, HolidayCalendar>;
  readonly diagnostics: Diagnostic[];
}

export async function loadCalendars(
  refs: readonly { readonly ref: CalendarRef; readonly manifestFile: string }[],
  options: { readonly cwd: string; readonly calendars: Readonly<Record<string, string>> },
): Promise<LoadedCalendars> {
  const byDocument = new Map<string, HolidayCalendar>();
  const diagnostics: Diagnostic[] = [];
  const byFile = new Map<
    string,
    Promise<{ calendar?: HolidayCalendar; diagnostics: readonly Diagnostic[] }>
  >();
  const names = Object.keys(options.calendars);
  for (const { ref, manifestFile } of refs) {
    const named = Object.hasOwn(options.calendars, ref.ref) ? options.calendars[ref.ref] : undefined;
    const file = named ?? path.resolve(path.dirname(manifestFile), ref.ref);
    let read = byFile.get(file);
    if (read === undefined) {
      read = readFile(file, "utf8").then(
        (text) => parseCalendarText(text, displayPath(file, options.cwd)),
        (error: NodeJS.ErrnoException) => ({ error, diagnostics: [] }),
      ) as Promise<{
        calendar?: HolidayCalendar;
        diagnostics: readonly Diagnostic[];
        error?: NodeJS.ErrnoException;
      }>;
      byFile.set(file, read);
    }
    const result = (await read) as {
      calendar?: HolidayCalendar;
      diagnostics: readonly Diagnostic[];
      error?: NodeJS.ErrnoException;
    };
    if (result.error) {
      const known =
        names.length === 0
          ? "the config names no calendars"
          : `the config's calendars are ${names.join(", ")}`;
      const what = named
        ? `calendar \`${ref.ref}\` of the config: cannot read ${displayPath(file, options.cwd)} (${result.error.code ?? result.error.message})`
        : `calendar \`${ref.ref}\` is not a calendar of the config${didYouMean(ref.ref, names)} nor a readable file (${displayPath(file, options.cwd)}: ${result.error.code ?? result.error.message}); ${known}`;
      diagnostics.push({ severity: "error", ...ref.source, message: what });
      continue;
    }
    if (result.calendar) byDocument.set(ref.documentKey, result.calendar);
    else if (!diagnostics.some((d) => result.diagnostics.includes(d)))
      diagnostics.push(...result.diagnostics);
  }
  return { byDocument, diagnostics };
}
