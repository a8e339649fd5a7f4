import type { ResolvedConfig } from "../config/config-types.js";
import { loadConfig } from "../config/load-config.js";
import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import { DiagnosticsError, UserError } from "../diagnostics/errors.js";
import type { TargetSpec } from "../input/targets.js";
import type { DesiredState } from "../manifest/desired-types.js";
import { loadManifests, type ManifestPart } from "../manifest/load-manifests.js";
import type { CommandContext } from "./cli-types.js";

/**
 * The offline first steps of the pipeline: config, then manifests -> DesiredState. Kept apart
 * from the API steps (pipeline.ts) so `jobsync validate` loads no HTTP client.
 */

export async function loadCommandConfig(ctx: CommandContext): Promise<ResolvedConfig> {
  const config = await loadConfig({
    cwd: ctx.io.cwd,
    configFile: ctx.global.config,
    manifests: ctx.global.manifests,
    env: ctx.io.env,
  });
  const flag = ctx.values.parallelism;
  if (flag === undefined) return config;
  const parallelism =
    flag === "auto"
      ? "auto"
      : typeof flag === "string" && /^[1-9]\d{0,3}$/.test(flag)
        ? Number(flag)
        : undefined;
  if (parallelism === undefined)
    throw new UserError(
      `--parallelism must be a whole number from 1 to 9999, or auto (got "${String(flag)}")`,
    );
  return { ...config, parallelism };
}

export interface LoadedDesired {
  /** The manifests ready to plan (without the template targets that wait for the API). */
  readonly desired: DesiredState;
  /** Every manifest and template target, in order. */
  readonly parts: readonly ManifestPart[];
  /** Manifest warnings (e.g. an empty manifest file), for the command to show. */
  readonly warnings: readonly Diagnostic[];
}

/** Manifests -> DesiredState and warnings; every error in every file at once (DiagnosticsError). */
export async function loadDesired(
  ctx: CommandContext,
  config: ResolvedConfig,
  onTarget?: (target: TargetSpec) => void,
): Promise<LoadedDesired> {
  const { desired, parts, diagnostics, files } = await loadManifests(config.manifests, {
    cwd: ctx.io.cwd,
    calendars: config.calendars,
    ...(onTarget ? { onTarget } : {}),
  });
  if (hasErrors(diagnostics)) throw new DiagnosticsError(diagnostics);
  if (files.length === 0) {
    throw new UserError(
      `no manifest files (*.yaml, *.yml) found in ${config.manifests.join(", ")}`,
      "Set `manifests` in jobsync.config.ts or pass --manifests PATH.",
    );
  }
  return { desired, parts, warnings: diagnostics };
}
