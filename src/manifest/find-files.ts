import type { Stats } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { displayPath } from "../input/display-path.js";
import { cannotRead, type FoundFile, walkFolder } from "./walk-folder.js";

/**
 * Manifest files named by patterns: a folder (read recursively for *.yaml / *.yml; folders
 * starting with "." and node_modules are skipped), a file, or a glob with `*`, `**` and `?`
 * (e.g. `manifests/**\/*.yaml`). Patterns are relative to `cwd` unless absolute. Symbolic links
 * are followed; loops and unreadable entries are errors (walk-folder.ts).
 */

const MANIFEST_FILE = /\.ya?ml$/i;
const GLOB_CHARS = /[*?]/;

/**
 * Absolute paths in sorted order, each real file once (the first path that reaches it); an error
 * per path or glob that does not exist or matches nothing and per entry that cannot be read or
 * loops (see walk-folder.ts), and a warning per existing folder that holds no manifest files.
 */
export async function findManifestFiles(
  patterns: readonly string[],
  cwd: string,
): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const found: FoundFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const pattern of patterns) {
    const absolute = path.resolve(cwd, pattern);
    const glob = GLOB_CHARS.test(pattern);
    const result = glob ? await globFiles(absolute, cwd) : await pathFiles(absolute, cwd);
    diagnostics.push(...result.diagnostics);
    if (result.files === undefined) {
      diagnostics.push({
        severity: "error",
        file: displayPath(absolute, cwd),
        message: glob
          ? "no manifest files match this pattern"
          : "no such manifest file or folder (check `manifests` in the config, or --manifests)",
      });
    } else if (result.files.length === 0 && result.diagnostics.length === 0) {
      // An existing folder with no manifests: legal (an empty repo), but likely a wrong path.
      diagnostics.push({
        severity: "warning",
        file: displayPath(absolute, cwd),
        message: "no manifest files found in this folder (looked for *.yaml and *.yml)",
      });
    }
    found.push(...(result.files ?? []));
  }
  const byReal = new Map<string, string>();
  for (const file of found.sort((a, b) => comparePaths(a.path, b.path))) {
    if (!byReal.has(file.real)) byReal.set(file.real, file.path);
  }
  return { files: [...new Set(byReal.values())].sort(comparePaths), diagnostics };
}

/** Sorted by path with `/` separators, so order is the same on every platform. */
function comparePaths(a: string, b: string): number {
  const pa = a.split(path.sep).join("/");
  const pb = b.split(path.sep).join("/");
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

interface PatternFiles {
  /** Undefined: the path does not exist, or the glob matched nothing. */
  readonly files: FoundFile[] | undefined;
  readonly diagnostics: Diagnostic[];
}

async function pathFiles(absolute: string, cwd: string): Promise<PatternFiles> {
  let info: Stats;
  try {
    info = await stat(absolute);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { files: undefined, diagnostics: [] };
    const message =
      code === "ELOOP"
        ? "a symbolic link loop (the link leads to itself): remove the link or fix its target"
        : cannotRead("file", e);
    return { files: [], diagnostics: [{ severity: "error", file: displayPath(absolute, cwd), message }] };
  }
  if (info.isFile()) {
    const real = await realpath(absolute).catch(() => absolute);
    return { files: [{ path: absolute, real }], diagnostics: [] };
  }
  if (!info.isDirectory()) {
    const message = "not a regular file or folder (a device, pipe or socket): name a manifest file or folder";
    return { files: [], diagnostics: [{ severity: "error", file: displayPath(absolute, cwd), message }] };
  }
  return walkFolder(absolute, { cwd, maxDepth: Infinity, wanted: (f) => MANIFEST_FILE.test(f) });
}

async function globFiles(absolutePattern: string, cwd: string): Promise<PatternFiles> {
  const parts = absolutePattern.split(path.sep);
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
  const base = parts.slice(0, firstGlob).join(path.sep) || path.sep;
  const rest = parts.slice(firstGlob);
  const matcher = globToRegExp(rest.join("/"));
  if (
    !(await stat(base).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  )
    return { files: undefined, diagnostics: [] };
  // Without `**` a glob matches at a fixed depth: folders below it are not read.
  const maxDepth = rest.some((p) => p.includes("**")) ? Infinity : rest.length - 1;
  const walked = await walkFolder(base, {
    cwd,
    maxDepth,
    wanted: (f) => matcher.test(path.relative(base, f).split(path.sep).join("/")),
  });
  return { files: walked.files.length > 0 ? walked.files : undefined, diagnostics: walked.diagnostics };
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
