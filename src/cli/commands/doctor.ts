import { renderDoctorJson, renderDoctorText } from "../../doctor/render-doctor.js";
import { doctorExitCode } from "../../doctor/report-types.js";
import { runDoctor } from "../../doctor/run-doctor.js";
import type { CommandSpec } from "../cli-types.js";
import { version } from "../global-options.js";
import { loadCommandConfig, loadDesired } from "../inputs.js";
import { formatOption, readFormat } from "../plan-output.js";

const DOCTOR_FORMATS = ["text", "json"] as const;

/**
 * `jobsync doctor` (contract §5, §11): read-only checks against the real API, in order, each
 * skipped when one it needs failed; a redacted report. Exit 0 when nothing failed, 1 otherwise.
 * The config and manifests are loaded by the same steps as plan (so template targets resolve
 * as plan resolves them); their failures are checks, not errors.
 */
export const doctorCommand: CommandSpec = {
  usage: "jobsync doctor [--format text|json] [--config FILE] [--manifests PATH]",
  options: {
    format: formatOption(DOCTOR_FORMATS),
  },
  async run(ctx) {
    const format = readFormat(ctx, DOCTOR_FORMATS);
    const report = await runDoctor({
      env: ctx.io.env,
      cwd: ctx.io.cwd,
      ...(ctx.io.signal ? { signal: ctx.io.signal } : {}),
      jobsyncVersion: version(),
      loadConfig: () => loadCommandConfig(ctx),
      loadParts: (config) => loadDesired(ctx, config),
    });
    ctx.io.stdout.write(
      format === "json" ? renderDoctorJson(report) : renderDoctorText(report, { color: ctx.global.color }),
    );
    return doctorExitCode(report);
  },
};
