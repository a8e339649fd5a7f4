/** A caught error as one line for a check's detail: the message, the HTTP status and what to do. */

import { formatDiagnostic } from "../diagnostics/diagnostic.js";
import { ApiError, DiagnosticsError, UserError } from "../diagnostics/errors.js";

export function errorWords(error: unknown): string {
  if (error instanceof ApiError) {
    const { method, path, status, hint } = error.details;
    const where = `${method} ${path}${status !== undefined && !error.message.includes(`HTTP ${status}`) ? ` -> HTTP ${status}` : ""}`;
    return `${error.message} (${where})${hint ? `. ${hint}` : ""}`;
  }
  if (error instanceof UserError) return `${error.message}${error.hint ? `. ${error.hint}` : ""}`;
  if (error instanceof DiagnosticsError) {
    const errors = error.diagnostics.filter((d) => d.severity === "error");
    const first = errors[0] ?? error.diagnostics[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more; run jobsync validate)` : "";
    return first ? `${formatDiagnostic(first)}${more}` : error.message;
  }
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}
