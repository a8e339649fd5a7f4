import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { displayPath } from "../input/display-path.js";

/**
 * Reads a folder recursively for manifest files. Symbolic links are followed (to files and to
 * folders); a link back into a folder being read is a loop and an error; a real folder reached
 * twice (two links to it) is read once. An unreadable folder or file, a dangling link and a
 * device or pipe with a manifest's name are errors, never skipped. Folders starting with "." and
 * `node_modules` are skipped. Entries are read in name order, so the result is deterministic.
 */

export interface FoundFile {
  /** The path as reached (through links), shown to the user. */
  readonly path: string;
  /** The real path, to read each file once. */
  readonly real: string;
}

export interface WalkOptions {
  /** Which files to keep (absolute path as reached). */
  readonly wanted: (file: string) => boolean;
  /** Folder levels below the root to read (Infinity for all). */
  readonly maxDepth: number;
  /** For paths in messages. */
  readonly cwd: string;
}

/** Whether discovery leaves a folder of this name out. */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith(".") || name === "node_modules";
}

export async function walkFolder(
  root: string,
  options: WalkOptions,
): Promise<{ files: FoundFile[]; diagnostics: Diagnostic[] }> {
  const files: FoundFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const visited = new Set<string>();
  const error = (at: string, message: string) =>
    diagnostics.push({ severity: "error", file: displayPath(at, options.cwd), message });

  const visit = async (dir: string, real: string, ancestors: readonly string[], depth: number) => {
    visited.add(real);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      error(dir, cannotRead("folder", e));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const inside = [...ancestors, real];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const kind = await kindOf(entry, full);
      if (kind.type === "broken") {
        if (!isSkippedFolder(entry.name)) error(full, kind.message);
      } else if (kind.type === "folder") {
        if (isSkippedFolder(entry.name) || depth >= options.maxDepth) continue;
        const target = await realpath(full).catch(() => undefined);
        if (target === undefined) error(full, cannotRead("folder", undefined));
        else if (inside.includes(target)) {
          error(
            full,
            `a symbolic link loop: this link leads back to ${displayPath(target, options.cwd)}, which is being read already (remove the link or point it elsewhere)`,
          );
        } else if (!visited.has(target)) await visit(full, target, inside, depth + 1);
      } else if (options.wanted(full)) {
        if (kind.type === "other") {
          error(
            full,
            "not a regular file (a device, pipe or socket): rename it or move it out of the manifest folders",
          );
        } else {
          const target = await realpath(full).catch(() => full);
          files.push({ path: full, real: target });
        }
      }
    }
  };

  const rootReal = await realpath(root).catch(() => root);
  await visit(root, rootReal, [], 0);
  return { files, diagnostics };
}

type Kind = { type: "file" | "folder" | "other" } | { type: "broken"; message: string };

async function kindOf(entry: Dirent, full: string): Promise<Kind> {
  if (!entry.isSymbolicLink()) {
    return { type: entry.isDirectory() ? "folder" : entry.isFile() ? "file" : "other" };
  }
  try {
    const info = await stat(full);
    return { type: info.isDirectory() ? "folder" : info.isFile() ? "file" : "other" };
  } catch (e) {
    return { type: "broken", message: brokenLink(e) };
  }
}

function errorCode(e: unknown): string | undefined {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}

function brokenLink(e: unknown): string {
  const code = errorCode(e);
  if (code === "ELOOP")
    return "a symbolic link loop (the link leads to itself): remove the link or fix its target";
  if (code === "EACCES" || code === "EPERM") return cannotRead("file", e);
  return "a symbolic link whose target does not exist: remove the link or fix its target";
}

/** Why a file or folder cannot be read, and what to do. */
export function cannotRead(what: "file" | "folder", e: unknown): string {
  const code = errorCode(e);
  const why = code === "EACCES" || code === "EPERM" ? "permission denied" : (code ?? "unknown error");
  return `cannot read this ${what} (${why}): make it readable, or move it out of the manifest folders`;
}
