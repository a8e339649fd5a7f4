import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { displayPath } from "../input/display-path.js";
import type { DesiredManifest, DesiredState } from "./desired-types.js";
import { findManifestFiles } from "./find-files.js";
import { parseManifestText } from "./parse-manifest-text.js";
import { readManifestFile } from "./read-manifest-file.js";

export interface LoadedManifests {
  readonly desired: DesiredState;
  /** Every problem in every file, in file order then line order. */
  readonly diagnostics: Diagnostic[];
  /** The files read, as shown in diagnostics (relative to cwd, forward slashes), sorted. */
  readonly files: string[];
}

/**
 * Reads the manifest files named by `patterns` (folders, files or globs; relative to cwd unless
 * absolute), in sorted path order, and returns the DesiredState of the valid documents with every
 * problem found (errors; and warnings for a folder without manifest files or a file without
 * documents, which are legal but likely mistakes). Never throws for bad input: callers decide
 * what diagnostics mean.
 */
export async function loadManifests(
  patterns: readonly string[],
  options: {
    readonly cwd: string;
    /** Called with each valid manifest as soon as its file is parsed (to start reading its run). */
    readonly onManifest?: (manifest: DesiredManifest) => void;
  },
): Promise<LoadedManifests> {
  const found = await findManifestFiles(patterns, options.cwd);
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  const manifests: DesiredManifest[] = [];
  const files: string[] = [];
  for (const absolute of found.files) {
    const file = displayPath(absolute, options.cwd);
    files.push(file);
    const read = await readManifestFile(absolute);
    if ("problem" in read) {
      diagnostics.push({ severity: "error", file, message: read.problem });
      continue;
    }
    const parsed = parseManifestText(read.text, file);
    manifests.push(...parsed.manifests);
    if (options.onManifest) for (const m of parsed.manifests) options.onManifest(m);
    diagnostics.push(...parsed.diagnostics);
    // Every non-empty document gives a manifest or a problem: nothing at all means no documents.
    if (parsed.manifests.length === 0 && parsed.diagnostics.length === 0) {
      diagnostics.push({
        severity: "warning",
        file,
        message: "this file has no manifest documents (it is empty, or holds only comments or `---`)",
      });
    }
  }
  return { desired: { manifests }, diagnostics, files };
}
