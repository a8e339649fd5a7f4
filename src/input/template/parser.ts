// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is the template syntax, not a JS placeholder
import { didYouMean } from "../did-you-mean.js";
import { lex, type Token } from "./lexer.js";
import {
  type CallExpr,
  type Expr,
  FUNCTION_NAMES,
  FUNCTION_PARAMS,
  FUNCTION_SIGNATURES,
  isFunctionName,
  type PathExpr,
  type TemplateProblem,
} from "./template-types.js";

/**
 * Recursive descent over the grammar of §7 (nothing else):
 *
 *   expr := IDENT "(" [expr ("," expr)*] ")"     a call of workday, eomonth, edate, addDays
 *         | IDENT ("." IDENT)*                     a path: vars.NAME.FIELD, entity.FIELD, process.id …
 *         | DATE | INTEGER | STRING                2026-10-31, -3, 'text'
 *
 * Unknown function names and wrong argument counts are found here (the functions are part of
 * the grammar); names of variables and types are checked by the evaluator.
 */

export type ParseResult =
  | { readonly ok: true; readonly expr: Expr }
  | { readonly ok: false; readonly problem: TemplateProblem };

/** `lex` always ends with an end token; this one only satisfies the index type. */
const END: Token = { kind: "end", start: 0, end: 0, text: "" };

class ParseError {
  constructor(readonly problem: TemplateProblem) {}
}

/** Parses the expression in `text` between `start` and `end` (the inside of `${{ … }}`). */
export function parseExpression(text: string, start: number, end: number): ParseResult {
  const lexed = lex(text, start, end);
  if (!lexed.ok) return lexed;
  const parser = new Parser(lexed.tokens);
  try {
    const first = parser.peek();
    if (first.kind === "end")
      fail(first.start, 0, "empty expression: write a path, a literal or a call inside `${{ }}`");
    const expr = parser.expression();
    const next = parser.peek();
    if (next.kind !== "end")
      fail(next.start, next.end - next.start, `unexpected ${describe(next)} after the expression`);
    return { ok: true, expr };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, problem: error.problem };
    throw error;
  }
}

function fail(offset: number, length: number, message: string): never {
  throw new ParseError({ offset, length, message });
}

function describe(token: Token): string {
  switch (token.kind) {
    case "end":
      return "the end of the expression";
    case "ident":
      return `\`${token.text}\``;
    case "string":
      return "a 'quoted string'";
    case "integer":
    case "date":
      return `\`${token.text}\``;
    default:
      return `\`${token.kind}\``;
  }
}

/** Calls nested deeper than this are refused (a guard for hostile input, not a real limit). */
const MAX_DEPTH = 64;

class Parser {
  private index = 0;
  private depth = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  peek(): Token {
    return this.tokens[this.index] ?? END;
  }

  private take(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.index += 1;
    return token;
  }

  expression(): Expr {
    const token = this.take();
    switch (token.kind) {
      case "date":
        return { kind: "date", text: token.text, start: token.start, end: token.end };
      case "integer":
        return { kind: "integer", value: Number(token.text), start: token.start, end: token.end };
      case "string":
        return { kind: "string", value: token.text, start: token.start, end: token.end };
      case "ident":
        return this.peek().kind === "(" ? this.call(token) : this.path(token);
      default:
        return fail(
          token.start,
          token.end - token.start,
          `expected a path, a literal or a function call, found ${describe(token)}`,
        );
    }
  }

  private path(root: Token): PathExpr {
    const fields: { name: string; start: number; end: number }[] = [];
    let end = root.end;
    while (this.peek().kind === ".") {
      const dot = this.take();
      const name = this.take();
      if (name.kind !== "ident")
        fail(
          name.kind === "end" ? dot.start : name.start,
          Math.max(1, name.end - name.start),
          `expected a field name after \`.\`, found ${describe(name)}`,
        );
      fields.push({ name: name.text, start: name.start, end: name.end });
      end = name.end;
    }
    const next = this.peek();
    if (next.kind === "(" && fields.length > 0)
      fail(next.start, 1, "only the functions workday, eomonth, edate and addDays can be called");
    return {
      kind: "path",
      root: { name: root.text, start: root.start, end: root.end },
      fields,
      start: root.start,
      end,
    };
  }

  private call(name: Token): CallExpr {
    if (!isFunctionName(name.text))
      fail(
        name.start,
        name.end - name.start,
        `unknown function \`${name.text}\`${didYouMean(name.text, FUNCTION_NAMES)}; the functions are ${FUNCTION_NAMES.join(", ")}`,
      );
    const fn = name.text;
    this.take(); // "("
    this.depth += 1;
    if (this.depth > MAX_DEPTH)
      fail(name.start, name.end - name.start, `calls nested more than ${MAX_DEPTH} deep`);
    const args: Expr[] = [];
    if (this.peek().kind !== ")") {
      for (;;) {
        args.push(this.expression());
        const sep = this.peek();
        if (sep.kind === ",") {
          this.take();
          continue;
        }
        if (sep.kind === ")") break;
        fail(
          sep.start,
          Math.max(1, sep.end - sep.start),
          `expected \`,\` or \`)\` in the call of ${fn}, found ${describe(sep)}`,
        );
      }
    }
    const close = this.take();
    this.depth -= 1;
    const expected = FUNCTION_PARAMS[fn].length;
    if (args.length !== expected)
      fail(
        name.start,
        close.end - name.start,
        `${fn} takes ${expected} arguments, got ${args.length}: ${FUNCTION_SIGNATURES[fn]}`,
      );
    return {
      kind: "call",
      name: fn,
      nameSpan: { start: name.start, end: name.end },
      args,
      start: name.start,
      end: close.end,
    };
  }
}
