import { dateInTimeZone } from "../../input/template/time-zone.js";
import { statusReport } from "../../plan/status-report.js";
import { renderStatusJson, renderStatusMarkdown, renderStatusText } from "../../render/status-text.js";
import type { CommandSpec } from "../cli-types.js";
import { loadAndPlan, loadCommandConfig, openClient, targetFilter } from "../load-and-plan.js";
import { readFormat, writeDiagnostics } from "../plan-output.js";
import { planningHeartbeat } from "../planning-heartbeat.js";

const STATUS_FORMATS = ["text", "json", "markdown"] as const;

/**
 * `jobsync status` (contract §8): each targeted run's sync and health, read-only. With
 * `--detailed-exitcode`: 0 all in sync, 2 some run out of sync, 1 an error (which wins).
 */
export const statusCommand: CommandSpec = {
  usage: "jobsync status [--format text|json|markdown] [--detailed-exitcode] [--target ID]...",
  options: {
    format: {
      type: "string",
      description: "Output format: text, json, markdown (default text)",
      valueName: "FORMAT",
      choices: STATUS_FORMATS,
    },
    "detailed-exitcode": {
      type: "boolean",
      description: "Exit 2 when some process run is out of sync (0 all in sync, 1 error)",
    },
    parallelism: {
      type: "string",
      description: "Requests in flight at most, or auto (overrides the config's parallelism)",
      valueName: "N",
    },
    target: {
      type: "string",
      multiple: true,
      description: "Only this process run (repeatable)",
      valueName: "ID",
    },
  },
  async run(ctx) {
    const format = readFormat(ctx, STATUS_FORMATS);
    const config = await loadCommandConfig(ctx);
    const heartbeat = planningHeartbeat(ctx);
    const client = openClient(ctx, config, heartbeat.onEvent);
    try {
      const { plan, live, warnings } = await loadAndPlan(ctx, config, client, targetFilter(ctx));
      writeDiagnostics(ctx.io, warnings);
      const today = dateInTimeZone(new Date(), config.timeZone) ?? new Date().toISOString().slice(0, 10);
      const report = statusReport(plan, live, today);
      const text =
        format === "json"
          ? renderStatusJson(report)
          : format === "markdown"
            ? renderStatusMarkdown(report)
            : renderStatusText(report, { color: ctx.global.color });
      ctx.io.stdout.write(text);
      return ctx.values["detailed-exitcode"] && report.outOfSync > 0 ? 2 : 0;
    } finally {
      heartbeat.stop();
      await client.close();
    }
  },
};
