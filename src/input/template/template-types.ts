/**
 * Types of the `${{ EXPR }}` template language (contract §7, §12): the syntax tree, values,
 * problems and the functions' table. All offsets are 0-based character offsets into the string
 * that was parsed (the YAML scalar's value); the caller maps them to `file:line:col`.
 */

/** A stretch of the parsed string: `[start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A problem found while parsing, checking or evaluating; errors are values, never thrown. */
export interface TemplateProblem {
  /** Offset of the offending token in the parsed string. */
  readonly offset: number;
  /** Characters the problem covers (at least 1 when something is there). */
  readonly length: number;
  readonly message: string;
}

/** `vars.a.b`, `entity.name`, `process.dueDate`: a root name and zero or more fields. */
export interface PathExpr extends Span {
  readonly kind: "path";
  readonly root: { readonly name: string } & Span;
  readonly fields: readonly ({ readonly name: string } & Span)[];
}

/** `2026-10-31`: a calendar-valid date written without quotes. */
export interface DateExpr extends Span {
  readonly kind: "date";
  /** `YYYY-MM-DD` as written. */
  readonly text: string;
}

/** `-?\d+` (a safe integer). */
export interface IntegerExpr extends Span {
  readonly kind: "integer";
  readonly value: number;
}

/** `'text'` (`''` inside is one quote). */
export interface StringExpr extends Span {
  readonly kind: "string";
  readonly value: string;
}

/** `workday(date, n)` and the other functions of `FUNCTION_NAMES`. */
export interface CallExpr extends Span {
  readonly kind: "call";
  readonly name: FunctionName;
  readonly nameSpan: Span;
  readonly args: readonly Expr[];
}

export type Expr = PathExpr | DateExpr | IntegerExpr | StringExpr | CallExpr;

export const FUNCTION_NAMES = ["workday", "eomonth", "edate", "addDays"] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

const FUNCTIONS: ReadonlySet<string> = new Set(FUNCTION_NAMES);

export function isFunctionName(name: string): name is FunctionName {
  return FUNCTIONS.has(name);
}

/** The argument types of each function; each returns a date. */
export const FUNCTION_PARAMS: Readonly<Record<FunctionName, readonly ["date", "integer"]>> = {
  workday: ["date", "integer"],
  eomonth: ["date", "integer"],
  edate: ["date", "integer"],
  addDays: ["date", "integer"],
};

/** What each function's arguments are called in messages (`workday(date, n)`). */
export const FUNCTION_SIGNATURES: Readonly<Record<FunctionName, string>> = {
  workday: "workday(date, n)",
  eomonth: "eomonth(date, months)",
  edate: "edate(date, months)",
  addDays: "addDays(date, n)",
};

/** The fields of `process.*` (from `GET /processes/{id}`) and `run.*` (from the process run). */
export const PROCESS_FIELDS = ["name", "id", "dueDate", "businessStartDate"] as const;
export type ProcessField = (typeof PROCESS_FIELDS)[number];
export const RUN_FIELDS = ["id", "name", "created"] as const;
export type RunField = (typeof RUN_FIELDS)[number];

/** Root names that are not variables of a `forEach`: an `as:` may not use them. */
export const RESERVED_ROOTS = ["vars", "process", "run"] as const;

/**
 * A value in a template: what YAML gives (text, numbers, true/false, null, lists, mappings).
 * A date is any text that is a valid `YYYY-MM-DD` (§12); dates computed by functions are
 * written that way, so a value's type is always visible from the value itself.
 */
export type TemplateValue =
  | string
  | number
  | boolean
  | null
  | readonly TemplateValue[]
  | { readonly [key: string]: TemplateValue };

/** The type of a value, as the checker and messages name it. `date` is text that is a date. */
export type ValueType = "date" | "string" | "integer" | "number" | "boolean" | "null" | "list" | "map";

/** Words for a type in messages. */
export const TYPE_WORDS: Readonly<Record<ValueType, string>> = {
  date: "a date",
  string: "text",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  null: "nothing (null)",
  list: "a list",
  map: "a mapping",
};

/** An expression's result: its type, and its value when it could be computed. */
export interface Evaluated {
  readonly type: ValueType;
  readonly value?: TemplateValue;
  /** A computed date's day number (saves reading its text again in a nested call). */
  readonly day?: number;
}
