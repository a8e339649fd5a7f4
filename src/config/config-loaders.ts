import { defaultLoaders, type Loader } from "cosmiconfig";
import { LineCounter, parseDocument } from "yaml";
import { DiagnosticsError } from "../diagnostics/errors.js";
import { offsetAt, positionOf } from "../input/positions.js";
import type { PathKey } from "../input/schema-walk.js";
import { placeYamlErrors } from "../input/yaml-syntax-errors.js";
import { ConfigLoadProblem, loadTypeScriptConfig } from "./ts-config-loader.js";

/**
 * Cosmiconfig loaders for JSON and YAML configs using `yaml` (JSON is YAML), so syntax errors
 * and bad values can be reported with line and column; `.ts` through ts-config-loader.ts; `.js`/`.mjs`
 * are imported as they are.
 */

/** Parses JSON/YAML config text; a syntax error is a DiagnosticsError at its place. */
export function parseConfigText(text: string, file: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new DiagnosticsError(
      placeYamlErrors(text, doc.errors).map(({ offset, error }) => ({
        severity: "error" as const,
        file,
        ...positionOf(lineCounter, offset),
        message: `syntax error: ${error.message.split("\n")[0]}`,
      })),
    );
  }
  return doc.toJS();
}

/** Line and column of `path` in JSON/YAML config text, if it parses. */
export function configPosition(
  text: string,
  path: readonly PathKey[],
  at: "key" | "value",
): { line: number; col: number } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0 || doc.contents === null) return undefined;
  return positionOf(lineCounter, offsetAt(doc, path, at));
}

/** This jobsync's public module, for a config that imports "jobsync" without installing it. */
const SELF = new URL("../index.js", import.meta.url).href;

/** `.ts` configs (ts-config-loader.ts); a problem the user can fix names the file. */
function typeScriptLoader(display: (file: string) => string): Loader {
  return async (filepath, content) => {
    try {
      return await loadTypeScriptConfig(filepath, content, SELF);
    } catch (error) {
      if (!(error instanceof ConfigLoadProblem)) throw error;
      throw new DiagnosticsError([
        { severity: "error", file: display(filepath), message: `cannot load the config: ${error.message}` },
      ]);
    }
  };
}

/** Loaders for the explorer; `display` turns an absolute path into what the user sees. */
export function configLoaders(display: (file: string) => string): Record<string, Loader> {
  const structured: Loader = (filepath, content) =>
    content.trim() === "" ? undefined : parseConfigText(content, display(filepath));
  return {
    ...defaultLoaders,
    ".ts": typeScriptLoader(display),
    ".json": structured,
    ".yaml": structured,
    ".yml": structured,
    noExt: structured,
  };
}

/** Structured (JSON/YAML) config files, where positions can be found. */
export function isStructuredConfig(file: string): boolean {
  return /(\.json|\.ya?ml|rc)$/i.test(file);
}
