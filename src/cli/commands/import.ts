import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../../diagnostics/errors.js";
import type { ImportStats } from "../../import/import-entries.js";
import { importRun } from "../../import/import-run.js";
import { defaultSchemaRef, projectSchemaPath } from "../../import/schema-ref.js";
import { NOT_RUNNING_STATUSES } from "../../plan/planner.js";
import { count } from "../../render/words.js";
import type { CommandContext, CommandSpec } from "../cli-types.js";
import { loadCommandConfig, openClient } from "../load-and-plan.js";

const USAGE = "jobsync import RUN_ID [--out FILE] [--force] [--process-name NAME] [--schema REF]";

/** `jobsync import`: bootstrap a manifest from a live process run (it plans to no changes). */
export const importCommand: CommandSpec = {
  usage: USAGE,
  options: {
    out: { type: "string", description: "Write the manifest to FILE (default: stdout)", valueName: "FILE" },
    force: { type: "boolean", description: "Overwrite FILE when it exists" },
    "process-name": {
      type: "string",
      description: "Target the process by name (its current run must be RUN_ID) instead of the run id",
      valueName: "NAME",
    },
    schema: {
      type: "string",
      description: "$schema reference for editors (default: the packaged schema, relative to FILE)",
      valueName: "REF",
    },
  },
  async run(ctx) {
    const runId = runIdArgument(ctx);
    const out = stringOption(ctx, "out");
    const force = ctx.values.force === true;
    const outFile = out === undefined ? undefined : path.resolve(ctx.io.cwd, out);
    if (outFile !== undefined && !force && existsSync(outFile)) throw exists(out as string);

    const config = await loadCommandConfig(ctx);
    const client = openClient(ctx, config);
    const imported = await importRun(client, runId, {
      processName: stringOption(ctx, "process-name"),
      baseUrl: config.api.baseUrl,
      schemaRef:
        stringOption(ctx, "schema") ??
        defaultSchemaRef(
          outFile === undefined ? ctx.io.cwd : path.dirname(outFile),
          projectSchemaPath(ctx.io.cwd),
        ),
    }).finally(() => client.close());

    const status = imported.run.status;
    if (status !== undefined && NOT_RUNNING_STATUSES.has(status)) {
      ctx.io.stderr.write(
        `Warning: process run ${runId} is ${status}; plan refuses runs that are not running.\n`,
      );
    }
    if (outFile === undefined) {
      ctx.io.stdout.write(imported.text);
      return 0;
    }
    const createdFolder = await writeManifest(outFile, out as string, imported.text, force);
    const created = createdFolder ? ` (created folder ${createdFolder})` : "";
    ctx.io.stderr.write(`Wrote ${out}${created}: ${describeStats(imported.stats)}.\n`);
    ctx.io.stderr.write("Next: jobsync validate, then jobsync plan (it should show no changes).\n");
    return 0;
  },
};

/**
 * Writes the file, creating its missing folders; never replaces an existing file unless `force`.
 * Returns the file's folder as the user wrote it (`path.dirname(shown)`) when any folder was
 * created, so the summary line can say so; else undefined.
 */
async function writeManifest(
  file: string,
  shown: string,
  text: string,
  force: boolean,
): Promise<string | undefined> {
  const cannot = (error: unknown) =>
    new UserError(
      `cannot write ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  const firstCreated = await mkdir(path.dirname(file), { recursive: true }).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST" || code === "ENOTDIR") {
      throw new UserError(`cannot write ${shown}: ${path.dirname(shown)} is not a folder`);
    }
    throw cannot(error);
  });
  await writeFile(file, text, { flag: force ? "w" : "wx" }).catch((error: unknown) => {
    throw (error as NodeJS.ErrnoException).code === "EEXIST" ? exists(shown) : cannot(error);
  });
  return firstCreated === undefined ? undefined : path.dirname(shown);
}

function runIdArgument(ctx: CommandContext): string {
  const [runId, ...extra] = ctx.positionals;
  if (runId === undefined || runId === "") {
    throw new UserError("missing RUN_ID (the process run to import)", `Usage: ${USAGE}`);
  }
  if (extra.length > 0) throw new UserError(`unexpected argument "${extra[0]}"`, `Usage: ${USAGE}`);
  return runId;
}

function stringOption(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.values[name];
  return typeof value === "string" ? value : undefined;
}

function exists(file: string): UserError {
  return new UserError(`${file} exists; pass --force to overwrite`);
}

function describeStats(stats: ImportStats): string {
  const parts = [count(stats.jobs, "job"), count(stats.anchors, "anchor"), count(stats.groups, "group")];
  const left = [
    stats.generated > 0 ? count(stats.generated, "generated job run") : "",
    stats.readOnlyGroups > 0 ? count(stats.readOnlyGroups, "read-only group") : "",
  ].filter((s) => s !== "");
  return `${parts.join(", ")}${left.length > 0 ? ` (left out: ${left.join(", ")})` : ""}`;
}
