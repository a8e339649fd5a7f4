import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The `$schema` reference written on an imported manifest's `yaml-language-server` line.
 *
 * Choice: the path of the JSON Schema shipped in the jobsync package
 * (`<package>/schema/jobsync.schema.json`), relative to the folder the manifest is written to
 * (the working directory when printing to stdout). Editors resolve it without network access,
 * and it follows the installed jobsync version. `jobsync import --schema REF` overrides it (e.g.
 * with a URL, or a copy made by `jobsync schema > jobsync.schema.json`).
 */

/** Absolute path of the schema file shipped with this package (src/ and dist/ are both two levels down). */
export function packagedSchemaPath(): string {
  return fileURLToPath(new URL("../../schema/jobsync.schema.json", import.meta.url));
}

/** The packaged schema's path relative to `manifestDir`, with `/` separators. */
export function defaultSchemaRef(manifestDir: string, schemaPath: string = packagedSchemaPath()): string {
  const relative = path.relative(manifestDir, schemaPath).split(path.sep).join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}
