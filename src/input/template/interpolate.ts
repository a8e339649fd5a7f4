// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is the template syntax, not a JS placeholder
import { parseExpression } from "./parser.js";
import type { Expr, TemplateProblem } from "./template-types.js";

/**
 * Splits a string into literal text and `${{ EXPR }}` parts and parses each expression. A `}}`
 * inside a `'quoted string'` does not close the expression. There is no escape for a literal
 * `${{` in text; write it as `${{ '${{' }}`.
 */

export interface TextPart {
  readonly kind: "text";
  readonly text: string;
  readonly start: number;
}

export interface ExpressionPart {
  readonly kind: "expression";
  /** The parsed expression; absent when it has a syntax error (see the template's problems). */
  readonly expr?: Expr;
  /** The expression as written between `${{` and `}}`, trimmed (shown in plans). */
  readonly source: string;
  /** Offset of `${{` and just past `}}`. */
  readonly start: number;
  readonly end: number;
}

export type TemplatePart = TextPart | ExpressionPart;

export interface ParsedTemplate {
  readonly text: string;
  readonly parts: readonly TemplatePart[];
  /** Syntax errors (at most one per expression). */
  readonly problems: readonly TemplateProblem[];
  /** Each expression as written between `${{` and `}}`, trimmed, in order (the plan shows them). */
  readonly expressions: readonly string[];
}

const OPEN = "${{";
const CLOSE = "}}";

/** Whether `text` holds an expression at all (the cheap test before parsing). */
export function hasExpression(text: string): boolean {
  return text.includes(OPEN);
}

/** Whether the template is exactly one expression (its value then keeps the expression's type). */
export function isWholeExpression(template: ParsedTemplate): boolean {
  return template.parts.length === 1 && template.parts[0]?.kind === "expression";
}

/** The offset of the `}}` closing an expression whose inside starts at `from`, or -1. */
function closingBrace(text: string, from: number): number {
  let inQuote = false;
  for (let i = from; i < text.length; i += 1) {
    const c = text[i];
    if (c === "'") {
      if (inQuote && text[i + 1] === "'") i += 1;
      else inQuote = !inQuote;
    } else if (!inQuote && c === "}" && text[i + 1] === "}") return i;
  }
  return -1;
}

/** The parts of `text` with each expression parsed; never throws. */
export function parseTemplate(text: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const problems: TemplateProblem[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf(OPEN, at);
    if (open < 0) break;
    if (open > at) parts.push({ kind: "text", text: text.slice(at, open), start: at });
    const inside = open + OPEN.length;
    let close = closingBrace(text, inside);
    if (close < 0) {
      // An unterminated quote may have swallowed the `}}`: let the lexer say so.
      close = text.indexOf(CLOSE, inside);
      if (close < 0) {
        problems.push({ offset: open, length: OPEN.length, message: "`${{` is not closed with `}}`" });
        parts.push({ kind: "expression", source: text.slice(inside).trim(), start: open, end: text.length });
        at = text.length;
        break;
      }
    }
    const parsed = parseExpression(text, inside, close);
    const source = text.slice(inside, close).trim();
    const end = close + CLOSE.length;
    if (parsed.ok) parts.push({ kind: "expression", expr: parsed.expr, source, start: open, end });
    else {
      problems.push(parsed.problem);
      parts.push({ kind: "expression", source, start: open, end });
    }
    at = end;
  }
  if (at < text.length) parts.push({ kind: "text", text: text.slice(at), start: at });
  const expressions = parts.flatMap((p) => (p.kind === "expression" ? [p.source] : []));
  return { text, parts, problems, expressions };
}
