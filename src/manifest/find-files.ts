import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { displayPath } from "../input/display-path.js";

/**
 * Manifest files named by patterns: a folder (read recursively for *.yaml / *.yml; folders
 * starting with "." and node_modules are skipped), a file, or a glob with `*`, `**` and `?`
 * (e.g. `manifests/**\/*.yaml`). Patterns are relative to `cwd` unless absolute.
 */

const MANIFEST_FILE = /\.ya?ml$/i;
const GLOB_CHARS = /[*?]/;

/**
 * Absolute paths in sorted order (no duplicates); an error per path or glob that does not exist
 * or matches nothing, and a warning per existing folder that holds no manifest files.
 */
export async function findManifestFiles(
  patterns: readonly string[],
  cwd: string,
): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const found = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const pattern of patterns) {
    const absolute = path.resolve(cwd, pattern);
    const files = GLOB_CHARS.test(pattern) ? await globFiles(absolute) : await pathFiles(absolute);
    if (files === undefined) {
      diagnostics.push({
        severity: "error",
        file: displayPath(absolute, cwd),
        message: GLOB_CHARS.test(pattern)
          ? "no manifest files match this pattern"
          : "no such manifest file or folder (check `manifests` in the config, or --manifests)",
      });
    }
    if (files?.length === 0) {
      // An existing folder with no manifests: legal (an empty repo), but likely a wrong path.
      diagnostics.push({
        severity: "warning",
        file: displayPath(absolute, cwd),
        message: "no manifest files found in this folder (looked for *.yaml and *.yml)",
      });
    }
    for (const file of files ?? []) found.add(file);
  }
  return { files: [...found].sort(comparePaths), diagnostics };
}

/** Sorted by path with `/` separators, so order is the same on every platform. */
function comparePaths(a: string, b: string): number {
  const pa = a.split(path.sep).join("/");
  const pb = b.split(path.sep).join("/");
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

async function pathFiles(absolute: string): Promise<string[] | undefined> {
  const info = await stat(absolute).catch(() => undefined);
  if (!info) return undefined;
  if (info.isFile()) return [absolute];
  return (await walk(absolute)).filter((f) => MANIFEST_FILE.test(f));
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".") && entry.name !== "node_modules") files.push(...(await walk(full)));
    } else if (entry.isFile()) files.push(full);
  }
  return files;
}

async function globFiles(absolutePattern: string): Promise<string[] | undefined> {
  const parts = absolutePattern.split(path.sep);
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
  const base = parts.slice(0, firstGlob).join(path.sep) || path.sep;
  const matcher = globToRegExp(parts.slice(firstGlob).join("/"));
  const files = (await walk(base)).filter((f) =>
    matcher.test(path.relative(base, f).split(path.sep).join("/")),
  );
  return files.length > 0 ? files : undefined;
}

/** `**` any folders, `*` any characters but `/`, `?` one character but `/`. */
export function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i] as string;
    if (glob.startsWith("**/", i)) {
      source += "(?:.*/)?";
      i += 2;
    } else if (glob.startsWith("**", i)) {
      source += ".*";
      i += 1;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}
