import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type Diagnostic, formatDiagnostic } from "../diagnostics/diagnostic.js";
import { UserError } from "../diagnostics/errors.js";
import { parsePlan, readSavedPlan, serializedPlanSteps } from "../plan/plan-file.js";
import type { Plan } from "../plan/plan-types.js";
import { githubProvenance } from "../render/github-provenance.js";
import { renderPlanMarkdown } from "../render/plan-markdown.js";
import { renderPlanText } from "../render/plan-text.js";
import type { CliIO, CommandContext, OptionSpec } from "./cli-types.js";

export const PLAN_FORMATS = ["text", "json", "markdown"] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export const formatOption = (formats: readonly string[]): OptionSpec => ({
  type: "string",
  description: `Output format: ${formats.join(", ")} (default text)`,
  valueName: "FORMAT",
  choices: formats,
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
 * Writes one plan to stdout in the chosen format (every format reads the same Plan object). JSON is
 * the saved plan file's exact content, written in chunks as it is serialized (tens of MiB at
 * 200,000 entries; pass `digest` when it was computed already), waiting for a full stdout, with `diagnostics` (warnings) on
 * stderr to stay pure JSON (`writeDiagnostics`). Text and markdown show them with the plan.
 * Markdown names the commit and links the workflow run under GitHub Actions (from the environment).
 */
export async function writePlan(
  plan: Plan,
  format: PlanFormat,
  ctx: CommandContext,
  diagnostics: readonly Diagnostic[] = [],
  digest?: string,
): Promise<void> {
  const stdout = ctx.io.stdout;
  switch (format) {
    case "json": {
      writeDiagnostics(ctx.io, diagnostics);
      // A pipe takes writes asynchronously: wait for it to drain after each process run, so the
      // text does not pile up in memory when the reader is slower than the writer.
      let full = false;
      const write = (chunk: string) => {
        if (stdout.write(chunk) === false) full = true;
      };
      for (const _ of serializedPlanSteps(plan, write, digest)) {
        if (!full) continue;
        full = false;
        await stdout.drained?.();
      }
      return;
    }
    case "markdown": {
      const provenance = githubProvenance(ctx.io.env);
      stdout.write(renderPlanMarkdown(plan, { diagnostics, ...(provenance ? { provenance } : {}) }));
      return;
    }
    case "text":
      stdout.write(renderPlanText(plan, { color: ctx.global.color, diagnostics }));
      return;
  }
}

/** Diagnostics (warnings) on stderr, one `formatDiagnostic` line each. */
export function writeDiagnostics(io: CliIO, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
}

async function readPlanText(ctx: CommandContext, file: string): Promise<string> {
  try {
    return await readFile(resolve(ctx.io.cwd, file), "utf8");
  } catch {
    throw new UserError(`cannot read plan file ${file}`, "Save one with `jobsync plan --out FILE`.");
  }
}

/** Reads a saved plan for `apply`: the current format, intact (UserError otherwise). */
export async function readPlanFile(ctx: CommandContext, file: string): Promise<Plan> {
  return parsePlan(await readPlanText(ctx, file), file);
}

/** Reads a saved plan for `show`: any known format; a warning on stderr when it cannot be applied as is. */
export async function readPlanToShow(ctx: CommandContext, file: string): Promise<Plan> {
  const saved = readSavedPlan(await readPlanText(ctx, file), file);
  if (saved.formatVersion === 1) {
    ctx.io.stderr.write(
      `Warning: ${file} is a plan of format 1 (an older jobsync); it can be shown but not applied.\n`,
    );
  } else if (!saved.intact) {
    ctx.io.stderr.write(
      `Warning: ${file} was changed after jobsync wrote it (its content does not match its digest); apply will refuse it.\n`,
    );
  }
  return saved.plan;
}
