import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The `$schema` reference written on an imported manifest's `yaml-language-server` line.
 *
 * Choice: the JSON Schema of the jobsync package installed in the project
 * (`<working directory>/node_modules/jobsync/schema/jobsync.schema.json`, jobsync being run from
 * the repository root as for every command), relative to the folder the manifest is written to
 * (the working directory when printing to stdout). So the committed file works for everyone who
 * clones the repository and installs its dependencies (not only on the machine that imported it,
 * as a path into a global install would), offline, and follows the jobsync version the project
 * pins. `jobsync import --schema REF` overrides it (a URL, or a copy made by `jobsync schema`).
 */

/** Where the project's own jobsync package keeps its schema. */
export function projectSchemaPath(projectDir: string): string {
  return path.join(projectDir, "node_modules", "jobsync", "schema", "jobsync.schema.json");
}

/** Absolute path of the schema file shipped with this package (src/ and dist/ are both two levels down). */
export function packagedSchemaPath(): string {
  return fileURLToPath(new URL("../../schema/jobsync.schema.json", import.meta.url));
}

/** The packaged schema's path relative to `manifestDir`, with `/` separators. */
export function defaultSchemaRef(manifestDir: string, schemaPath: string = packagedSchemaPath()): string {
  const relative = path.relative(manifestDir, schemaPath).split(path.sep).join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}
