import { formatDiagnostic, hasErrors } from "../../diagnostics/diagnostic.js";
import { DiagnosticsError } from "../../diagnostics/errors.js";
import type { DesiredEntry } from "../../manifest/desired-types.js";
import { loadManifests } from "../../manifest/load-manifests.js";
import { renderGithubAnnotations, renderValidateJson } from "../../render/diagnostics-format.js";
import { count } from "../../render/words.js";
import type { CommandSpec } from "../cli-types.js";
import { loadCommandConfig } from "../inputs.js";
import { formatOption, readFormat } from "../plan-output.js";

const VALIDATE_FORMATS = ["text", "json", "github"] as const;

/** `jobsync validate`: checks the manifests offline; every problem in every file, then exit 1. */
export const validateCommand: CommandSpec = {
  usage: "jobsync validate [--format text|json|github] [--manifests PATH] [--config FILE]",
  options: {
    format: formatOption(VALIDATE_FORMATS),
  },
  async run(ctx) {
    const { io } = ctx;
    const format = readFormat(ctx, VALIDATE_FORMATS);
    const config = await loadCommandConfig(ctx);
    const { desired, parts, diagnostics, files } = await loadManifests(config.manifests, {
      cwd: io.cwd,
      calendars: config.calendars,
    });
    const jobs = desired.manifests.reduce((n, m) => n + countJobs(m.jobs), 0);
    const waiting = parts.filter((p) => p.kind === "pending").length;
    const manifests = desired.manifests.length + waiting;
    const valid = !hasErrors(diagnostics);
    if (format === "json") {
      io.stdout.write(
        renderValidateJson({ valid, manifests, files: files.length, jobEntries: jobs, diagnostics }),
      );
      return valid ? 0 : 1;
    }
    if (format === "github") {
      io.stdout.write(renderGithubAnnotations(diagnostics));
      if (valid) io.stdout.write(`${validSummary(manifests, files.length, jobs, waiting)}\n`);
      else
        io.stdout.write(
          `${count(diagnostics.filter((d) => d.severity === "error").length, "error")} found.\n`,
        );
      return valid ? 0 : 1;
    }
    if (!valid) throw new DiagnosticsError(diagnostics);
    for (const warning of diagnostics) io.stderr.write(`${formatDiagnostic(warning)}\n`);
    io.stdout.write(`${validSummary(manifests, files.length, jobs, waiting)}\n`);
    return 0;
  },
};

function countJobs(entries: readonly DesiredEntry[]): number {
  return entries.reduce((n, e) => n + (e.kind === "job" ? 1 : e.kind === "group" ? countJobs(e.jobs) : 0), 0);
}

/**
 * `3 manifests in 2 files are valid (14 job entries).`; a template counts once per target, and
 * targets whose jobs need the API are counted apart: `(14 job entries, and 2 template targets
 * whose jobs are computed when planning)`.
 */
export function validSummary(manifests: number, files: number, jobs: number, waiting = 0): string {
  const later =
    waiting === 0
      ? ""
      : `, and ${count(waiting, "template target")} whose jobs are computed from the API when planning`;
  return (
    `${count(manifests, "manifest")} in ${count(files, "file")} ` +
    `${manifests === 1 ? "is" : "are"} valid (${count(jobs, "job entry", "job entries")}${later}).`
  );
}
