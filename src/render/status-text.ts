import { safeJson } from "../diagnostics/terminal-safe.js";
import type { RunStatus, StatusReport } from "../plan/status-report.js";
import { escapeMarkdown } from "./markdown-text.js";
import { createStyle } from "./style.js";
import { count, plain } from "./words.js";

/**
 * `jobsync status` in text, JSON and markdown:
 *
 *   run-q4close "Q4 Close"  OutOfSync  2 missing, 1 drifted   7 job runs: 2 complete, 1 running, 4 waiting; 1 overdue
 */

function syncWords(r: RunStatus): string {
  if (r.sync === "Synced") return "Synced";
  const parts = [
    r.missing > 0 ? `${r.missing} missing` : "",
    r.drifted > 0 ? `${r.drifted} drifted` : "",
    r.outOfOrder > 0 ? `${r.outOfOrder} out of order` : "",
    r.duplicated > 0 ? `${r.duplicated} duplicated` : "",
  ].filter((p) => p !== "");
  return `OutOfSync (${parts.join(", ")})`;
}

function healthWords(r: RunStatus): string {
  const total = Object.values(r.byStatus).reduce((a, b) => a + b, 0);
  const by = Object.entries(r.byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${n} ${plain(status, 20)}`)
    .join(", ");
  const overdue = r.overdue.length > 0 ? `; ${r.overdue.length} overdue` : "";
  return `${count(total, "job run")}${by ? `: ${by}` : ""}${overdue}`;
}

function runName(r: RunStatus): string {
  return `${plain(r.id)}${r.name ? ` "${plain(r.name, 80)}"` : ""}`;
}

export function renderStatusText(report: StatusReport, options: { readonly color: boolean }): string {
  const s = createStyle(options.color);
  const lines = report.runs.flatMap((r) => {
    const sync = r.sync === "Synced" ? s.green(syncWords(r)) : s.yellow(syncWords(r));
    const head = `${s.bold(runName(r))}: ${sync}; ${healthWords(r)}`;
    const overdue = r.overdue.map((o) => `    overdue: ${plain(o.title, 80)} (due ${plain(o.dueDate, 10)})`);
    return [head, ...overdue];
  });
  const synced = report.runs.length - report.outOfSync;
  const last =
    report.outOfSync === 0
      ? `All ${count(report.runs.length, "process run")} in sync.`
      : `${report.outOfSync} of ${count(report.runs.length, "process run")} out of sync (${synced} in sync). Run jobsync plan to see the changes.`;
  return `${lines.join("\n")}\n\n${last}\n`;
}

export function renderStatusJson(report: StatusReport): string {
  return `${safeJson(report, undefined, 2)}\n`;
}

export function renderStatusMarkdown(report: StatusReport): string {
  const cell = (text: string) => escapeMarkdown(text, 120);
  const rows = report.runs.map(
    (r) =>
      `| ${cell(r.id)}${r.name ? ` ${cell(r.name)}` : ""} | ${r.sync} | ${r.missing} | ${r.drifted} | ${r.outOfOrder} | ${r.duplicated} | ${cell(healthWords(r))} |`,
  );
  const head = `### jobsync status (${report.today})\n\n**${report.outOfSync === 0 ? "All process runs in sync." : `${report.outOfSync} of ${report.runs.length} process runs out of sync.`}**\n`;
  return `${head}\n| Process run | Sync | Missing | Drifted | Out of order | Duplicated | Health |\n|---|---|--:|--:|--:|--:|---|\n${rows.join("\n")}\n`;
}
