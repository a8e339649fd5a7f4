/**
 * `.ts` config files, always read as ES modules (whatever the nearest package.json's `type`), from a
 * temporary file next to the config: `.mts` where Node strips types itself (22.18+, 23.6+), else
 * (Node 20) `.mjs` with the types stripped by sucrase (an optional dependency: pure
 * JavaScript, no install scripts, about 60 ms to load and strip, against 550 ms for the whole
 * TypeScript compiler). Next to the config, relative imports and the project's packages resolve as
 * from the config itself.
 *
 * `import { defineConfig } from "jobsync"` in a project that does not install jobsync (a global
 * install) cannot resolve: that one specifier is then pointed at this running jobsync.
 */
import { randomBytes } from "node:crypto";
import { unlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Node strips types itself (`process.features.typescript` is set). */
export function nodeStripsTypes(): boolean {
  return Boolean((process.features as { typescript?: string | false }).typescript);
}

/** A problem loading the config that the user can fix, in words. */
export class ConfigLoadProblem extends Error {}

/** `from "jobsync"`, `import("jobsync")`, `import "jobsync"` (a new expression each time: it is global). */
const selfImports = () => /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])jobsync\2/g;

/** The type stripper's module name; not a static import, as it may be absent. */
const SUCRASE = "sucrase";

/** The source with `"jobsync"` pointed at this jobsync when the config's folder cannot resolve it. */
export function withSelfImport(source: string, file: string, self: string): string {
  if (!selfImports().test(source)) return source;
  try {
    createRequire(file).resolve("jobsync");
    return source;
  } catch {
    return source.replace(
      selfImports(),
      (_m, lead: string, quote: string) => `${lead}${quote}${self}${quote}`,
    );
  }
}

interface Sucrase {
  transform(
    code: string,
    options: { transforms: string[]; disableESTransforms: boolean; filePath: string },
  ): {
    code: string;
  };
}

async function stripTypes(source: string, file: string): Promise<string> {
  let sucrase: Sucrase;
  try {
    sucrase = (await import(SUCRASE)) as Sucrase;
  } catch {
    throw new ConfigLoadProblem(
      `a .ts config on Node ${process.versions.node} needs the package sucrase, an optional dependency of jobsync that is not installed (left out by --omit=optional?). Install it where jobsync is installed (npm install sucrase, or npm install -g sucrase for a global jobsync), use Node 22.18 or later, or write the config as jobsync.config.mjs or jobsync.config.json`,
    );
  }
  try {
    return sucrase.transform(source, {
      transforms: ["typescript"],
      disableESTransforms: true,
      filePath: file,
    }).code;
  } catch (error) {
    throw new ConfigLoadProblem(`syntax error: ${String((error as Error).message).split("\n")[0]}`);
  }
}

/** Loads a `.ts` config and returns its default export (or its namespace). */
export async function loadTypeScriptConfig(file: string, content: string, self: string): Promise<unknown> {
  const source = withSelfImport(content, file, self);
  const native = nodeStripsTypes();
  const code = native ? source : await stripTypes(source, file);
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(4).toString("hex")}.${native ? "mts" : "mjs"}`,
  );
  await writeFile(temp, code);
  try {
    return exportOf(await import(pathToFileURL(temp).href));
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

function exportOf(mod: { default?: unknown }): unknown {
  return mod.default ?? mod;
}
