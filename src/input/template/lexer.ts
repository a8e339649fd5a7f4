import { parseDate } from "./dates.js";
import type { TemplateProblem } from "./template-types.js";

/**
 * Splits the inside of one `${{ … }}` into tokens. Offsets are into the whole string, so a
 * problem points at its exact column. Whitespace separates tokens and is otherwise ignored.
 */

export type TokenKind = "ident" | "integer" | "date" | "string" | "(" | ")" | "," | "." | "end";

export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  /** ident: the name; integer/date: as written; string: the value (`''` made one quote). */
  readonly text: string;
}

export type LexResult =
  | { readonly ok: true; readonly tokens: readonly Token[] }
  | { readonly ok: false; readonly problem: TemplateProblem };

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;
const DIGIT = /[0-9]/;
const DATE_AT = /\d{4}-\d{2}-\d{2}/y;
const PUNCTUATION: ReadonlyMap<string, TokenKind> = new Map([
  ["(", "("],
  [")", ")"],
  [",", ","],
  [".", "."],
]);
const OPERATORS = new Set(["+", "-", "*", "/", "%", "=", "!", "<", ">", "&", "|", "?", ":", "^", "~"]);

function problem(offset: number, length: number, message: string): LexResult {
  return { ok: false, problem: { offset, length, message } };
}

/** Tokens of `text` between `start` and `end`, ending with an `end` token at `end`. */
export function lex(text: string, start: number, end: number): LexResult {
  const tokens: Token[] = [];
  let i = start;
  const push = (kind: TokenKind, from: number, to: number, value = text.slice(from, to)) => {
    tokens.push({ kind, start: from, end: to, text: value });
    i = to;
  };
  while (i < end) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
    } else if (PUNCTUATION.has(c)) {
      push(PUNCTUATION.get(c) ?? "end", i, i + 1);
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < end && IDENT_PART.test(text.charAt(j))) j += 1;
      push("ident", i, j);
    } else if (DIGIT.test(c) || (c === "-" && DIGIT.test(text[i + 1] ?? "") && i + 1 < end)) {
      const result = number(text, i, end);
      if (!result.ok) return result;
      push(result.kind, i, result.end);
    } else if (c === "'") {
      const result = quoted(text, i, end);
      if (!result.ok) return result;
      push("string", i, result.end, result.value);
    } else if (c === '"') {
      return problem(i, 1, "text in an expression is written in single quotes: 'text' (`''` for a quote)");
    } else if (c === "[" || c === "]") {
      return problem(
        i,
        1,
        `unexpected \`${c}\`: list items cannot be picked in an expression (repeat over a list with forEach)`,
      );
    } else if (OPERATORS.has(c)) {
      return problem(
        i,
        1,
        `unexpected \`${c}\`: expressions have no operators (use a function: workday, eomonth, edate, addDays)`,
      );
    } else {
      return problem(i, 1, `unexpected character \`${c}\``);
    }
  }
  tokens.push({ kind: "end", start: end, end, text: "" });
  return { ok: true, tokens };
}

type NumberResult =
  | { readonly ok: true; readonly kind: "integer" | "date"; readonly end: number }
  | { readonly ok: false; readonly problem: TemplateProblem };

/** A date `YYYY-MM-DD` or an integer `-?\d+` starting at `i`. */
function number(text: string, i: number, end: number): NumberResult {
  DATE_AT.lastIndex = i;
  const date = DATE_AT.exec(text);
  if (date && i + 10 <= end && !IDENT_PART.test(text[i + 10] ?? "")) {
    if (parseDate(date[0]) === undefined)
      return {
        ok: false,
        problem: { offset: i, length: 10, message: `\`${date[0]}\` is not a calendar date` },
      };
    return { ok: true, kind: "date", end: i + 10 };
  }
  let j = text[i] === "-" ? i + 1 : i;
  while (j < end && DIGIT.test(text.charAt(j))) j += 1;
  if (j < end && /[A-Za-z_.-]/.test(text.charAt(j))) {
    let k = j;
    while (k < end && /[A-Za-z0-9_.-]/.test(text.charAt(k))) k += 1;
    const written = text.slice(i, k);
    const message = /^\d{4}-\d{1,2}-\d{1,2}$/.test(written)
      ? `\`${written}\` is not a date: write dates as YYYY-MM-DD`
      : `\`${written}\` is not an integer (integers are written -?digits, dates YYYY-MM-DD)`;
    return { ok: false, problem: { offset: i, length: k - i, message } };
  }
  if (!Number.isSafeInteger(Number(text.slice(i, j))))
    return { ok: false, problem: { offset: i, length: j - i, message: "integer too large" } };
  return { ok: true, kind: "integer", end: j };
}

type QuotedResult =
  | { readonly ok: true; readonly value: string; readonly end: number }
  | { readonly ok: false; readonly problem: TemplateProblem };

/** A `'quoted string'` starting at `i` (`''` is one quote). */
function quoted(text: string, i: number, end: number): QuotedResult {
  let value = "";
  let j = i + 1;
  while (j < end) {
    const c = text.charAt(j);
    if (c === "'") {
      if (text[j + 1] === "'" && j + 1 < end) {
        value += "'";
        j += 2;
        continue;
      }
      return { ok: true, value, end: j + 1 };
    }
    value += c;
    j += 1;
  }
  return {
    ok: false,
    problem: { offset: i, length: 1, message: "unterminated 'quoted string' (close it with `'`)" },
  };
}
