import type { TemplateResult } from "./evaluate-template.js";
import type { ParsedTemplate } from "./interpolate.js";
import { type TemplateProblem, TYPE_WORDS } from "./template-types.js";
import { describeValue } from "./values.js";

/**
 * What a manifest field needs from an evaluated template (§7, §12): a date for `dueDate`, a list
 * for `forEach`, text for string fields (a whole-value number or date becomes text; a list,
 * mapping or null is an error; `textOf` in values.ts writes it). In `check` mode a result without a type is not judged yet.
 */

export type FieldNeed = "date" | "list" | "text";

const NEED_WORDS: Readonly<Record<FieldNeed, string>> = {
  date: "a date (YYYY-MM-DD)",
  list: "a list",
  text: "text",
};

/** The offset of the template's first expression (inside its `${{`), or 0. */
function firstExpressionOffset(template: ParsedTemplate): number {
  for (const part of template.parts) if (part.kind === "expression") return part.expr?.start ?? part.start;
  return 0;
}

/**
 * A problem when `result` (of `template`) is not what field `field` needs, or undefined. Call it
 * only for results without problems.
 */
export function fieldTypeProblem(
  template: ParsedTemplate,
  result: TemplateResult,
  need: FieldNeed,
  field: string,
): TemplateProblem | undefined {
  const type = result.type;
  if (type === undefined) return undefined;
  const fits =
    need === "date"
      ? type === "date"
      : need === "list"
        ? type === "list"
        : type !== "list" && type !== "map" && type !== "null";
  if (fits) return undefined;
  const got = result.value === undefined ? TYPE_WORDS[type] : describeValue(result.value);
  const expression = template.expressions.length === 1 ? ` \`${template.expressions[0]}\`` : "";
  return {
    offset: firstExpressionOffset(template),
    length: template.expressions[0]?.length || 1,
    message: `\`${field}\` needs ${NEED_WORDS[need]}, but${expression || " the value"} gives ${got}`,
  };
}
