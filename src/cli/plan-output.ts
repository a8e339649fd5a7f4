import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type Diagnostic, formatDiagnostic } from "../diagnostics/diagnostic.js";
import { UserError } from "../diagnostics/errors.js";
import { parsePlan } from "../plan/plan-file.js";
import type { Plan } from "../plan/plan-types.js";
import { renderPlanJson } from "../render/plan-json.js";
import { renderPlanMarkdown } from "../render/plan-markdown.js";
import { renderPlanText } from "../render/plan-text.js";
import type { CliIO, CommandContext, OptionSpec } from "./cli-types.js";

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

/**
 * One plan, in the chosen format (every format reads the same Plan object). Text and markdown show
 * `diagnostics` (warnings) with the plan; JSON leaves them out, to stay pure JSON: see `writeDiagnostics`.
 */
export function renderPlan(
  plan: Plan,
  format: PlanFormat,
  color: boolean,
  diagnostics: readonly Diagnostic[] = [],
): string {
  switch (format) {
    case "json":
      return renderPlanJson(plan);
    case "markdown":
      return renderPlanMarkdown(plan, { diagnostics });
    case "text":
      return renderPlanText(plan, { color, diagnostics });
  }
}

/** Diagnostics (warnings) on stderr, one `formatDiagnostic` line each. */
export function writeDiagnostics(io: CliIO, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
}

/** Reads a saved plan (`plan --out FILE`) relative to the working directory; UserError when unreadable. */
export async function readPlanFile(ctx: CommandContext, file: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(resolve(ctx.io.cwd, file), "utf8");
  } catch {
    throw new UserError(`cannot read plan file ${file}`, "Save one with `jobsync plan --out FILE`.");
  }
  return parsePlan(text, file);
}
