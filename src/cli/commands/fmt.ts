import { type Diagnostic, formatDiagnostic, hasErrors } from "../../diagnostics/diagnostic.js";
import { DiagnosticsError } from "../../diagnostics/errors.js";
import { displayPath } from "../../input/display-path.js";
import { findManifestFiles } from "../../manifest/find-files.js";
import { formatManifestText } from "../../manifest/format-manifest.js";
import { readManifestFile } from "../../manifest/read-manifest-file.js";
import { writeManifestFile } from "../../manifest/write-manifest-file.js";
import type { CommandSpec } from "../cli-types.js";
import { loadCommandConfig } from "../inputs.js";

/** `jobsync fmt --check` found files to format (as `terraform fmt -check`). */
export const EXIT_NOT_FORMATTED = 3;

/**
 * `jobsync fmt [--check] [PATH…]`: the manifest files (PATHs, else the configured manifests) in
 * the canonical layout. Lists each file rewritten (or, with --check, each file that would be,
 * writing nothing; exit 3 if any). A file with YAML syntax errors is reported and left as it is
 * (exit 1); the other files are still formatted.
 */
export const fmtCommand: CommandSpec = {
  usage: "jobsync fmt [--check] [PATH...]",
  operands: "files",
  options: {
    check: {
      type: "boolean",
      description: `Write nothing: list the files not in the canonical layout, exit ${EXIT_NOT_FORMATTED} if any`,
    },
  },
  async run(ctx) {
    const { io } = ctx;
    const check = ctx.values.check === true;
    const patterns = ctx.positionals.length > 0 ? ctx.positionals : (await loadCommandConfig(ctx)).manifests;
    const found = await findManifestFiles(patterns, io.cwd);
    const diagnostics: Diagnostic[] = [...found.diagnostics];
    let changed = 0;
    for (const absolute of found.files) {
      const file = displayPath(absolute, io.cwd);
      const read = await readManifestFile(absolute);
      if ("problem" in read) {
        diagnostics.push({ severity: "error", file, message: read.problem });
        continue;
      }
      const formatted = formatManifestText(read.text, file);
      if (!formatted.ok) {
        diagnostics.push(...formatted.diagnostics);
        continue;
      }
      if (formatted.text === read.text) continue;
      if (!check) {
        const problem = await writeManifestFile(absolute, formatted.text);
        if (problem !== undefined) {
          diagnostics.push({ severity: "error", file, message: problem });
          continue;
        }
      }
      changed += 1;
      io.stdout.write(`${file}\n`);
    }
    if (hasErrors(diagnostics)) throw new DiagnosticsError(diagnostics);
    for (const warning of diagnostics) io.stderr.write(`${formatDiagnostic(warning)}\n`);
    return check && changed > 0 ? EXIT_NOT_FORMATTED : 0;
  },
};
