import { readFileSync } from "node:fs";
import type { OptionSpec } from "./cli-types.js";

/** Options every command takes (also read by `jobsync completion`). */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  config: {
    type: "string",
    description: "Config file (default: jobsync.config.* or .jobsyncrc* here or in the nearest folder above)",
    valueName: "FILE",
  },
  manifests: {
    type: "string",
    description: "Manifest folder or glob (overrides the config)",
    valueName: "PATH",
  },
  "no-color": { type: "boolean", description: "No colour (also NO_COLOR; wins over FORCE_COLOR)" },
  debug: { type: "boolean", description: "Show stack traces of unexpected errors" },
  help: { type: "boolean", short: "h", description: "Show help" },
  version: { type: "boolean", short: "v", description: "Show the version" },
};

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}
