import { dayNumber, formatDate, parseDate } from "./dates.js";
import { type TemplateValue, TYPE_WORDS, type ValueType } from "./template-types.js";

/** The types of template values and how they are written as text. */

/** Day numbers of 0001-01-01 and 9999-12-31: computed dates must lie between them. */
export const FIRST_DAY = dayNumber(1, 1, 1);
export const LAST_DAY = dayNumber(9999, 12, 31);

/** The type of a value; a string that is a valid `YYYY-MM-DD` is a date (§12). */
export function typeOfValue(value: TemplateValue): ValueType {
  if (value === null) return "null";
  if (typeof value === "string") return parseDate(value) === undefined ? "string" : "date";
  if (typeof value === "number") return Number.isSafeInteger(value) ? "integer" : "number";
  if (typeof value === "boolean") return "boolean";
  return isList(value) ? "list" : "map";
}

export function isList(value: TemplateValue): value is readonly TemplateValue[] {
  return Array.isArray(value);
}

export function isMap(value: TemplateValue): value is { readonly [key: string]: TemplateValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The day number of a date value, or undefined when it is not a date. */
export function dateOf(value: TemplateValue | undefined): number | undefined {
  return typeof value === "string" ? parseDate(value) : undefined;
}

/** A day number as a date value (`YYYY-MM-DD`). */
export function dateValue(day: number): string {
  return formatDate(day);
}

/**
 * A value written inside text: strings and dates as they are, numbers in decimal, `true` /
 * `false`; undefined for null, lists and mappings (they have no text form, §12).
 */
export function textOf(value: TemplateValue): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** Whether values of this type can be written inside text. */
export function hasText(type: ValueType): boolean {
  return type !== "null" && type !== "list" && type !== "map";
}

/** `a list`, `text "abc"`, `the integer 5`: a value in a message. */
export function describeValue(value: TemplateValue): string {
  const type = typeOfValue(value);
  if (typeof value === "string") {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return type === "date" ? `the date ${value}` : `text ${JSON.stringify(shown)}`;
  }
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return String(value);
  return TYPE_WORDS[type];
}

/** The value's own keys (never inherited ones such as `constructor`). */
export function fieldOf(
  map: { readonly [key: string]: TemplateValue },
  name: string,
): TemplateValue | undefined {
  return Object.hasOwn(map, name) ? map[name] : undefined;
}

/**
 * Whether `value` (e.g. a manifest's `vars` after YAML) is a template value all the way down:
 * text, finite numbers, true/false, null, lists and plain mappings, without cycles.
 */
export function isTemplateValue(value: unknown, seen: Set<object> = new Set()): value is TemplateValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value !== "object" || seen.has(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return false;
  seen.add(value);
  const items: unknown[] = Array.isArray(value) ? value : Object.values(value);
  const ok = items.every((item) => isTemplateValue(item, seen));
  seen.delete(value);
  return ok;
}
