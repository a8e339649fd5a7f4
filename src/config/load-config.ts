import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { type CosmiconfigResult, cosmiconfig } from "cosmiconfig";
import { compareByPlace, type Diagnostic } from "../diagnostics/diagnostic.js";
import { DiagnosticsError, UserError } from "../diagnostics/errors.js";
import { displayPath } from "../input/display-path.js";
import { checkSchema, type Problem } from "../input/schema-problems.js";
import { configLoaders, configPosition, isStructuredConfig } from "./config-loaders.js";
import { configSchema } from "./config-schema.js";
import type { ResolvedConfig } from "./config-types.js";
import type { JobsyncConfig } from "./define-config.js";
import { resolveConfig } from "./resolve-config.js";

/** Where cosmiconfig looks in each folder, in this order. */
export const CONFIG_SEARCH_PLACES = [
  "package.json",
  ".jobsyncrc",
  ".jobsyncrc.json",
  ".jobsyncrc.yaml",
  ".jobsyncrc.yml",
  ".jobsyncrc.js",
  ".jobsyncrc.mjs",
  ".jobsyncrc.ts",
  "jobsync.config.ts",
  "jobsync.config.js",
  "jobsync.config.mjs",
  "jobsync.config.json",
] as const;

export interface LoadConfigOptions {
  readonly cwd: string;
  /** `--config FILE` (relative to cwd): load exactly this file. */
  readonly configFile?: string;
  /** `--manifests PATH` (relative to cwd): overrides the config's `manifests`. */
  readonly manifests?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Finds the config (--config, else the first of CONFIG_SEARCH_PLACES in cwd or the nearest
 * folder above it), validates it and fills the defaults. No config: defaults. A bad config:
 * DiagnosticsError naming the file (and the line, for JSON/YAML). A missing --config file: UserError.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const display = (file: string) => displayPath(file, options.cwd);
  const explorer = cosmiconfig("jobsync", {
    searchPlaces: [...CONFIG_SEARCH_PLACES],
    searchStrategy: "none",
    loaders: configLoaders(display),
    cache: false,
  });
  const result = await findConfig(explorer, options, display);
  if (!result) return resolveConfig({}, options);
  const file = result.filepath;
  const config = result.isEmpty || result.config === undefined ? {} : result.config;
  const checked = checkSchema(configSchema, config);
  if (!checked.ok) throw new DiagnosticsError(await configDiagnostics(file, checked.problems, display(file)));
  return resolveConfig(checked.data as JobsyncConfig, { ...options, configFile: file });
}

type Explorer = ReturnType<typeof cosmiconfig>;

async function findConfig(
  explorer: Explorer,
  options: LoadConfigOptions,
  display: (file: string) => string,
): Promise<CosmiconfigResult> {
  if (options.configFile !== undefined) {
    const file = path.resolve(options.cwd, options.configFile);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      throw new UserError(
        `config file not found: ${options.configFile}`,
        "Check the path given to --config.",
      );
    }
    return guard(() => explorer.load(file), file, display);
  }
  // Each folder from cwd up to the filesystem root; the nearest config wins.
  for (let dir = path.resolve(options.cwd); ; dir = path.dirname(dir)) {
    const found = await guard(() => explorer.search(dir), dir, display);
    if (found) return found;
    if (path.dirname(dir) === dir) return null;
  }
}

/** Load failures (syntax, a throwing JS config) become diagnostics naming the file. */
async function guard(
  load: () => Promise<CosmiconfigResult>,
  where: string,
  display: (file: string) => string,
): Promise<CosmiconfigResult> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof DiagnosticsError) throw error;
    const err = error as Error & { filepath?: string };
    const file = display(err.filepath ?? where);
    const message = String(err.message ?? error)
      .replace(/^TypeScript Error in [^\n]*\n/, "")
      .replace(/\.[0-9a-f-]{36}\.mjs/g, "")
      .split("\n")[0];
    throw new DiagnosticsError([{ severity: "error", file, message: `cannot load the config: ${message}` }]);
  }
}

async function configDiagnostics(file: string, problems: Problem[], shown: string): Promise<Diagnostic[]> {
  const text = isStructuredConfig(file) ? await readFile(file, "utf8").catch(() => undefined) : undefined;
  const prefix = path.basename(file) === "package.json" ? ["jobsync"] : [];
  const diagnostics: Diagnostic[] = problems.map((problem) => {
    const place =
      text === undefined ? undefined : configPosition(text, [...prefix, ...problem.path], problem.at);
    return { severity: "error", file: shown, ...place, message: problem.message };
  });
  return diagnostics.sort(compareByPlace);
}
