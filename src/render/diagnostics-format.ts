import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { escapeControls, safeJson } from "../diagnostics/terminal-safe.js";
import { plain } from "./words.js";

/**
 * `validate --format json|github`: the diagnostics for machines. JSON is one object; GitHub is
 * one workflow command per problem (`::error file=…,line=…,col=…::message`), which GitHub Actions
 * shows as an annotation on that line of the pull request. Text from files is escaped as the
 * workflow-command syntax requires, so a message cannot start a command of its own.
 */

export interface ValidateSummary {
  readonly valid: boolean;
  readonly manifests: number;
  readonly files: number;
  readonly jobEntries: number;
  readonly diagnostics: readonly Diagnostic[];
}

export function renderValidateJson(summary: ValidateSummary): string {
  return `${safeJson(summary, undefined, 2)}\n`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function renderGithubAnnotations(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const props = [
        d.file !== undefined ? `file=${escapeProperty(escapeControls(d.file))}` : "",
        d.line !== undefined ? `line=${d.line}` : "",
        d.col !== undefined ? `col=${d.col}` : "",
        "title=jobsync validate",
      ].filter((p) => p !== "");
      return `::${d.severity === "error" ? "error" : "warning"} ${props.join(",")}::${escapeData(plain(d.message, 2000))}\n`;
    })
    .join("");
}
