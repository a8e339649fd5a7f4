import type { PathKey } from "../input/schema-walk.js";
import { evaluateTemplate } from "../input/template/evaluate-template.js";
import { type FieldNeed, fieldTypeProblem } from "../input/template/field-types.js";
import {
  hasExpression,
  isWholeExpression,
  type ParsedTemplate,
  parseTemplate,
} from "../input/template/interpolate.js";
import type { TemplateScope } from "../input/template/scope.js";
import type { TemplateValue } from "../input/template/template-types.js";
import { textOf } from "../input/template/values.js";
import type { SourceRef } from "./desired-types.js";

/**
 * One string value of a manifest, evaluated as a template (§7) for one target: the place each
 * problem is written (`file:line:col` inside the string), the value the field needs, and the
 * expression the plan shows beside it. Strings without `${{` are returned as they are, so a
 * plain manifest pays one `includes` per string.
 */

/** A problem at its place, with the template place (`target 2 · entities[1]`) it came from. */
export interface TemplateIssue {
  readonly source: SourceRef;
  readonly message: string;
}

/** What the walk over one target's entries carries. */
export interface FieldContext {
  readonly scope: TemplateScope;
  /** Where character `offset` of the string at `path` is written. */
  readonly stringAt: (path: readonly PathKey[], offset: number) => SourceRef;
  readonly issues: TemplateIssue[];
  /** Parsed templates by text, shared by every target of a document (each string is parsed once). */
  readonly parsed: Map<string, ParsedTemplate>;
}

/** A field's value after evaluation, and the expression shown beside it (none for plain text). */
export interface FieldValue {
  /** Undefined when there was a problem, or (offline check) when it needs the API. */
  readonly value: TemplateValue | undefined;
  readonly expression?: string;
}

export function parsedTemplate(ctx: FieldContext, text: string): ParsedTemplate {
  let template = ctx.parsed.get(text);
  if (template === undefined) {
    template = parseTemplate(text);
    ctx.parsed.set(text, template);
  }
  return template;
}

/** The expression as the plan shows it: the expression alone when it is the whole value. */
function shownExpression(template: ParsedTemplate): string {
  return isWholeExpression(template) ? (template.expressions[0] ?? template.text) : template.text;
}

/**
 * Evaluates the string at `path` (its field named `field` in messages) for `need`: `text` gives
 * text (a whole-value number or date written as text), `date` a date, `list` a list, `any` the
 * value as computed (the caller checks it).
 */
export function evaluateField(
  ctx: FieldContext,
  path: readonly PathKey[],
  raw: string,
  need: FieldNeed | "any",
  field: string,
): FieldValue {
  if (!hasExpression(raw)) return { value: raw };
  const template = parsedTemplate(ctx, raw);
  const expression = shownExpression(template);
  const result = evaluateTemplate(template, ctx.scope);
  const report = (offset: number, message: string) =>
    ctx.issues.push({ source: ctx.stringAt(path, offset), message });
  for (const problem of result.problems) report(problem.offset, problem.message);
  if (result.problems.length > 0) return { value: undefined, expression };
  if (need !== "any") {
    const problem = fieldTypeProblem(template, result, need, field);
    if (problem) {
      report(problem.offset, problem.message);
      return { value: undefined, expression };
    }
  }
  if (result.value === undefined) return { value: undefined, expression };
  const value = need === "text" ? (textOf(result.value) ?? undefined) : result.value;
  return { value, expression };
}

/** Reports `message` at the first expression of the string at `path` (a check after evaluation). */
export function reportAtExpression(
  ctx: FieldContext,
  path: readonly PathKey[],
  raw: string,
  message: string,
): void {
  const template = parsedTemplate(ctx, raw);
  const first = template.parts.find((p) => p.kind === "expression");
  const offset = first?.kind === "expression" ? first.start : 0;
  ctx.issues.push({ source: ctx.stringAt(path, offset), message });
}
