import { UserError } from "../../diagnostics/errors.js";
import type { CommandSpec } from "../cli-types.js";
import { formatOption, PLAN_FORMATS, readFormat, readPlanToShow, writePlan } from "../plan-output.js";

export const showCommand: CommandSpec = {
  usage: "jobsync show PLANFILE [--format text|json|markdown]",
  options: { format: formatOption(PLAN_FORMATS) },
  operands: "files",
  async run(ctx) {
    const format = readFormat(ctx, PLAN_FORMATS);
    const file = ctx.positionals[0];
    if (file === undefined)
      throw new UserError("missing PLANFILE", "Usage: jobsync show PLANFILE [--format text|json|markdown]");
    await writePlan(await readPlanToShow(ctx, file), format, ctx);
    return 0;
  },
};
