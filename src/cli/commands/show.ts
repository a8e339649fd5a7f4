import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { UserError } from "../../diagnostics/errors.js";
import { parsePlan } from "../../plan/plan-file.js";
import type { CommandSpec } from "../cli-types.js";
import { formatOption, PLAN_FORMATS, readFormat, renderPlan } from "../plan-output.js";

export const showCommand: CommandSpec = {
  usage: "jobsync show PLANFILE [--format text|json|markdown]",
  options: { format: formatOption(PLAN_FORMATS) },
  async run(ctx) {
    const format = readFormat(ctx, PLAN_FORMATS);
    const file = ctx.positionals[0];
    if (file === undefined)
      throw new UserError("missing PLANFILE", "Usage: jobsync show PLANFILE [--format text|json|markdown]");
    let text: string;
    try {
      text = await readFile(resolve(ctx.io.cwd, file), "utf8");
    } catch {
      throw new UserError(`cannot read plan file ${file}`, "Save one with `jobsync plan --out FILE`.");
    }
    ctx.io.stdout.write(renderPlan(parsePlan(text, file), format, ctx.global.color));
    return 0;
  },
};
