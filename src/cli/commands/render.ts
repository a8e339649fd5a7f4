import { UserError } from "../../diagnostics/errors.js";
import { selectsTarget, targetKey } from "../../input/targets.js";
import type { DesiredManifest } from "../../manifest/desired-types.js";
import {
  type RenderedManifest,
  renderManifestsJson,
  renderManifestsYaml,
} from "../../render/manifest-yaml.js";
import type { CommandContext, CommandSpec } from "../cli-types.js";
import { loadCommandConfig, loadDesired, loadExpanded, openClient, targetFilter } from "../load-and-plan.js";
import { readFormat, writeDiagnostics } from "../plan-output.js";

const RENDER_FORMATS = ["yaml", "json"] as const;

/**
 * `jobsync render`: every manifest as it is once its templates are expanded, one per target, so
 * a reviewer sees what a template means for each run before any plan. Offline when nothing
 * needs the API (no template reads `process.*`, `run.*` or calls `workday`, and no `--target`);
 * otherwise it resolves the targets and reads their runs and processes, as `plan` does.
 */
export const renderCommand: CommandSpec = {
  usage: "jobsync render [--target ID]... [--format yaml|json]",
  options: {
    format: {
      type: "string",
      description: "Output format: yaml, json (default yaml)",
      valueName: "FORMAT",
    },
    target: {
      type: "string",
      multiple: true,
      description: "Only render the manifests of this process run (repeatable)",
      valueName: "ID",
    },
  },
  async run(ctx) {
    const format = ctx.values.format === undefined ? "yaml" : readFormat(ctx, RENDER_FORMATS);
    const manifests = await renderedManifests(ctx);
    ctx.io.stdout.write(format === "json" ? renderManifestsJson(manifests) : renderManifestsYaml(manifests));
    return 0;
  },
};

async function renderedManifests(ctx: CommandContext): Promise<RenderedManifest[]> {
  const config = await loadCommandConfig(ctx);
  const only = targetFilter(ctx);
  const offline = await loadDesired(ctx, config);
  if (only === undefined && offline.parts.every((p) => p.kind === "ready")) {
    writeDiagnostics(ctx.io, offline.warnings);
    return offline.desired.manifests.map((manifest) => ({ manifest }));
  }
  const client = openClient(ctx, config);
  try {
    const { desired, live, warnings } = await loadExpanded(ctx, config, client, only, offline);
    writeDiagnostics(ctx.io, warnings);
    const out: RenderedManifest[] = [];
    const problems: string[] = [];
    for (const manifest of desired.manifests) {
      const resolution = live.targets.get(targetKey(manifest.target));
      const runId = resolution?.ok ? resolution.runId : undefined;
      if (only && selectsTarget(only, manifest.target, runId).length === 0) continue;
      if (resolution?.ok) out.push({ manifest, runId: resolution.runId });
      else problems.push(`${where(manifest)}: ${resolution?.message ?? "the target was not resolved"}`);
    }
    if (problems.length > 0)
      throw new UserError(
        `cannot render ${problems.length === 1 ? "a manifest" : `${problems.length} manifests`}: their target is not a running process run\n${problems.join("\n")}`,
        "Fix the target, or leave it out with --target.",
      );
    return out;
  } finally {
    await client.close();
  }
}

function where(manifest: DesiredManifest): string {
  return `${manifest.targetSource.file}:${manifest.targetSource.line}`;
}
