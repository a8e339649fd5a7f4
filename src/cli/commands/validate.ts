import { loadConfig } from "../../config/load-config.js";
import { formatDiagnostic, hasErrors } from "../../diagnostics/diagnostic.js";
import { DiagnosticsError } from "../../diagnostics/errors.js";
import type { DesiredEntry } from "../../manifest/desired-types.js";
import { loadManifests } from "../../manifest/load-manifests.js";
import type { CommandSpec } from "../cli-types.js";

/** `jobsync validate`: checks the manifests offline; every problem in every file, then exit 1. */
export const validateCommand: CommandSpec = {
  usage: "jobsync validate [--manifests PATH] [--config FILE]",
  options: {},
  async run({ io, global }) {
    const config = await loadConfig({
      cwd: io.cwd,
      configFile: global.config,
      manifests: global.manifests,
      env: io.env,
    });
    const { desired, diagnostics, files } = await loadManifests(config.manifests, { cwd: io.cwd });
    if (hasErrors(diagnostics)) throw new DiagnosticsError(diagnostics);
    for (const warning of diagnostics) io.stderr.write(`${formatDiagnostic(warning)}\n`);
    const jobs = desired.manifests.reduce((n, m) => n + countJobs(m.jobs), 0);
    io.stdout.write(`${validSummary(desired.manifests.length, files.length, jobs)}\n`);
    return 0;
  },
};

function countJobs(entries: readonly DesiredEntry[]): number {
  return entries.reduce((n, e) => n + (e.kind === "job" ? 1 : e.kind === "group" ? countJobs(e.jobs) : 0), 0);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `3 manifests in 2 files are valid (14 job entries).` */
export function validSummary(manifests: number, files: number, jobs: number): string {
  return (
    `${plural(manifests, "manifest", "manifests")} in ${plural(files, "file", "files")} ` +
    `${manifests === 1 ? "is" : "are"} valid (${plural(jobs, "job entry", "job entries")}).`
  );
}
