import { safeJson } from "../diagnostics/terminal-safe.js";
/**
 * The doctor's report as text (one line per check, then each target with its node counts and
 * unknown nodes; coloured as the other renderers, every outside string escaped) and as JSON
 * (the report object; characters that could drive a terminal escaped as `\uXXXX`).
 */

import { createStyle, type Style } from "../render/style.js";
import { plain } from "../render/words.js";
import type { CheckStatus, DoctorReport } from "./report-types.js";

/** Longest detail shown in text (a server message can be long). */
const MAX_DETAIL = 400;

export function renderDoctorText(report: DoctorReport, options: { readonly color: boolean }): string {
  const style = createStyle(options.color);
  const lines = [
    `jobsync ${plain(report.jobsyncVersion, 40)} doctor (Node ${plain(report.node, 40)}, ${plain(report.platform, 40)})`,
    "",
  ];
  const width = Math.max(...report.checks.map((c) => c.name.length), 0);
  for (const c of report.checks) {
    lines.push(`${mark(c.status, style)} ${plain(c.name, 40).padEnd(width)}  ${plain(c.detail, MAX_DETAIL)}`);
  }
  if (report.targets.length > 0) {
    lines.push("", style.bold("Targets:"));
    for (const t of report.targets) {
      const many = t.manifests > 1 ? `, ${t.manifests} manifests` : "";
      lines.push(`${mark(t.status, style)} ${plain(t.target)} (${plain(t.source)}${many})`);
      lines.push(`       ${plain(t.detail, MAX_DETAIL)}`);
      for (const n of t.unknownNodes) {
        const id = n.id !== undefined ? `id ${plain(n.id)}` : "no id";
        lines.push(
          `       ${style.red("unknown node")} ${id} at ${plain(n.path, 120)}: keys ${n.keys.map((k) => plain(k, 40)).join(", ") || "(none)"}`,
        );
      }
    }
  }
  const s = report.summary;
  lines.push(
    "",
    `${s.fail > 0 ? style.red(`${s.fail} failed`) : "0 failed"}, ${s.warn} ${s.warn === 1 ? "warning" : "warnings"}, ${s.ok} ok, ${s.skipped} skipped.` +
      " Secrets are redacted: attach this report to a bug report.",
  );
  return `${lines.join("\n")}\n`;
}

function mark(status: CheckStatus, style: Style): string {
  switch (status) {
    case "ok":
      return style.green("[ok]  ");
    case "warn":
      return style.yellow("[warn]");
    case "fail":
      return style.red("[fail]");
    case "skipped":
      return style.dim("[skip]");
  }
}

export function renderDoctorJson(report: DoctorReport): string {
  return `${safeJson(report, undefined, 2)}\n`;
}
