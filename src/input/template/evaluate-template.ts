import { type Evaluated, evaluateExpr } from "./evaluate.js";
import { type ParsedTemplate, parseTemplate } from "./interpolate.js";
import type { TemplateScope } from "./scope.js";
import { type TemplateProblem, type TemplateValue, TYPE_WORDS, type ValueType } from "./template-types.js";
import { hasText, textOf, typeOfValue } from "./values.js";

/**
 * A whole string value: one whole expression keeps its type (a list for `forEach`, a date for
 * `dueDate`, a mapping, a number); expressions inside other text are written as text (dates as
 * `YYYY-MM-DD`, numbers in decimal, true/false), and a list, mapping or null there is an error.
 * A whole value is exactly `${{ … }}`: any other character around it, even a space inside
 * quotes, makes it text.
 */

export interface TemplateResult {
  /** The value; absent when there are problems, or in `check` mode when it needs the API. */
  readonly value?: TemplateValue;
  /**
   * The value's type when it is definite: always with a value; without one, for a whole
   * expression (`workday(…)` is a date even offline). Text built around an unknown part has no
   * type (it may still read as a date).
   */
  readonly type?: ValueType;
  readonly problems: readonly TemplateProblem[];
  /** Each expression as written between `${{` and `}}`, in order (the plan shows them). */
  readonly expressions: readonly string[];
}

/** Evaluates a parsed template over `scope`; its syntax errors come first among the problems. */
export function evaluateTemplate(template: ParsedTemplate, scope: TemplateScope): TemplateResult {
  const { expressions } = template;
  if (template.problems.length > 0) return { problems: template.problems, expressions };
  const problems: TemplateProblem[] = [];
  const only = template.parts.length === 1 ? template.parts[0] : undefined;
  if (only?.kind === "expression") {
    const result = only.expr ? evaluateExpr(only.expr, scope, problems) : undefined;
    if (problems.length > 0 || result === undefined) return { problems, expressions };
    if (result.value === undefined) return { type: result.type, problems, expressions };
    return { value: result.value, type: result.type, problems, expressions };
  }
  let text = "";
  let complete = true;
  for (const part of template.parts) {
    if (part.kind === "text") {
      text += part.text;
      continue;
    }
    const result: Evaluated | undefined = part.expr ? evaluateExpr(part.expr, scope, problems) : undefined;
    if (result === undefined) continue;
    if (!hasText(result.type)) {
      problems.push({
        offset: part.expr?.start ?? part.start,
        length: part.source.length || 1,
        message: `\`${part.source}\` is ${TYPE_WORDS[result.type]}, which cannot be written inside text`,
      });
      continue;
    }
    const written = result.value === undefined ? undefined : textOf(result.value);
    if (written === undefined) complete = false;
    else text += written;
  }
  if (problems.length > 0) return { problems, expressions };
  if (!complete) return { problems, expressions };
  return { value: text, type: typeOfValue(text), problems, expressions };
}

/** Parses and evaluates `text` (callers evaluating one string for many targets parse once instead). */
export function evaluateString(text: string, scope: TemplateScope): TemplateResult {
  return evaluateTemplate(parseTemplate(text), scope);
}
