import { escapeControls } from "./terminal-safe.js";

/** A problem found in user input (manifests, config, plan), reported with its place. */
export interface Diagnostic {
  readonly severity: "error" | "warning";
  /** Path as the user would type it (relative to the working directory when possible). */
  readonly file?: string;
  /** 1-based line and column of the offending node. */
  readonly line?: number;
  readonly col?: number;
  readonly message: string;
}

/** `file:LINE:COL: message` (the place parts that are known). */
export function formatDiagnostic(d: Diagnostic): string {
  const place = [
    d.file === undefined ? undefined : escapeControls(d.file),
    d.line,
    d.line !== undefined ? d.col : undefined,
  ].filter((p) => p !== undefined);
  const prefix = place.length > 0 ? `${place.join(":")}: ` : "";
  return `${prefix}${d.severity === "warning" ? "warning: " : ""}${escapeControls(d.message)}`;
}

/**
 * Sort comparator: line, then column (a missing place counts as 0). The file is not compared:
 * callers sort the diagnostics of one file. `Array.prototype.sort` is stable, so equal places
 * keep their order.
 */
export function compareByPlace(a: Diagnostic, b: Diagnostic): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
