import { open } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { UserError } from "../../diagnostics/errors.js";
import { planDigest, serializedPlanSteps } from "../../plan/plan-file.js";
import type { Plan } from "../../plan/plan-types.js";
import type { CommandSpec } from "../cli-types.js";
import { loadAndPlan, loadCommandConfig, openClient, targetFilter } from "../load-and-plan.js";
import { formatOption, PLAN_FORMATS, readFormat, writePlan } from "../plan-output.js";
import { planningHeartbeat } from "../planning-heartbeat.js";

export const planCommand: CommandSpec = {
  usage: "jobsync plan [--out FILE] [--format text|json|markdown] [--detailed-exitcode] [--target ID]...",
  options: {
    out: { type: "string", description: "Save the plan for `jobsync apply FILE`", valueName: "FILE" },
    format: formatOption(PLAN_FORMATS),
    "detailed-exitcode": {
      type: "boolean",
      description: "Exit 2 when there are changes to apply (0 none, 1 error)",
    },
    parallelism: {
      type: "string",
      description: "Requests in flight at most, or auto (overrides the config's parallelism)",
      valueName: "N",
    },
    target: {
      type: "string",
      multiple: true,
      description: "Only plan this process run (repeatable)",
      valueName: "ID",
    },
  },
  async run(ctx) {
    const format = readFormat(ctx, PLAN_FORMATS);
    const config = await loadCommandConfig(ctx);
    const heartbeat = planningHeartbeat(ctx);
    const client = openClient(ctx, config, heartbeat.onEvent);
    try {
      const { plan, warnings } = await loadAndPlan(ctx, config, client, targetFilter(ctx));
      const out = ctx.values.out;
      // Computed once when the plan is written both to stdout and to a file.
      const digest = format === "json" || typeof out === "string" ? planDigest(plan) : undefined;
      await writePlan(plan, format, ctx, warnings, digest);
      if (typeof out === "string") {
        await writePlanFile(resolve(ctx.io.cwd, out), out, plan, digest);
        ctx.io.stderr.write(
          `Saved the plan to ${out}. To perform exactly these actions, run: jobsync apply ${out}\n`,
        );
      }
      return ctx.values["detailed-exitcode"] && plan.summary.create > 0 ? 2 : 0;
    } finally {
      heartbeat.stop();
      await client.close();
    }
  },
};

/**
 * Writes the saved plan in chunks as it is serialized; a missing folder or a refused write is the
 * user's to fix, not a bug.
 */
async function writePlanFile(absolute: string, shown: string, plan: Plan, digest?: string): Promise<void> {
  try {
    const file = await open(absolute, "w");
    try {
      // Each process run's text is written before the next is made (not the whole file at once);
      // writeFile writes all of it at the handle's position (write may write less than asked).
      let pending: string[] = [];
      for (const _ of serializedPlanSteps(plan, (chunk) => pending.push(chunk), digest)) {
        await file.writeFile(pending.join(""));
        pending = [];
      }
      await file.writeFile(pending.join(""));
    } finally {
      await file.close();
    }
  } catch (e) {
    const code = typeof e === "object" && e !== null && "code" in e ? e.code : undefined;
    const why =
      code === "ENOENT" || code === "ENOTDIR"
        ? `the folder ${dirname(shown)} does not exist`
        : code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : code === "EISDIR"
            ? "it is a folder"
            : `${String(code ?? e)}`;
    throw new UserError(
      `cannot save the plan to ${shown}: ${why}`,
      "Create the folder first, or pass --out a path in an existing folder you can write to.",
    );
  }
}
