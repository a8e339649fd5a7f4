import { UserError } from "../diagnostics/errors.js";
import type { Plan } from "../plan/plan-types.js";
import { renderPlanJson } from "../render/plan-json.js";
import { renderPlanMarkdown } from "../render/plan-markdown.js";
import { renderPlanText } from "../render/plan-text.js";
import type { CommandContext, OptionSpec } from "./cli-types.js";

export const PLAN_FORMATS = ["text", "json", "markdown"] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export const formatOption = (formats: readonly string[]): OptionSpec => ({
  type: "string",
  description: `Output format: ${formats.join(", ")} (default text)`,
  valueName: "FORMAT",
});

/** The `--format` value, checked against the formats a command supports. */
export function readFormat<F extends string>(ctx: CommandContext, formats: readonly F[]): F {
  const value = ctx.values.format ?? "text";
  if (typeof value !== "string" || !formats.includes(value as F)) {
    throw new UserError(`--format must be one of ${formats.join(", ")} (got "${String(value)}")`);
  }
  return value as F;
}

/** One plan, in the chosen format (every format reads the same Plan object). */
export function renderPlan(plan: Plan, format: PlanFormat, color: boolean): string {
  switch (format) {
    case "json":
      return renderPlanJson(plan);
    case "markdown":
      return renderPlanMarkdown(plan);
    case "text":
      return renderPlanText(plan, { color });
  }
}
