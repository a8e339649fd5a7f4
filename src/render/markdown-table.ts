/**
 * The table of every process run that opens the markdown plan (contract §8): run, manifest,
 * create, requests, drift, out of order, unmanaged, duplicates. It is never cut; past
 * `MAX_TABLE_RUNS` runs the comment keeps the summary line and points to the full plan.
 */
import type { RunPlan } from "../plan/plan-types.js";
import { fileUrl, type GitHubProvenance } from "./github-provenance.js";
import { escapeMarkdown } from "./markdown-text.js";

export const MAX_TABLE_RUNS = 500;
const MAX_CELL = 48;

const HEADER = [
  "| Process run | Manifest | Create | Requests | Drift | Out of order | Unmanaged | Duplicates |",
  "|---|---|--:|--:|--:|--:|--:|--:|",
];

/** A manifest file as a cell: linked at the commit under GitHub Actions when it is inside the checkout. */
function manifestCell(file: string, provenance: GitHubProvenance | undefined): string {
  const text = escapeMarkdown(file, MAX_CELL);
  const inside = !file.startsWith("/") && !file.startsWith("../") && file !== "..";
  return provenance && inside ? `[${text}](${fileUrl(provenance, file)})` : text;
}

export function runCreates(run: RunPlan): number {
  return run.insertions.reduce((n, insertion) => n + insertion.jobs.length, 0);
}

function row(run: RunPlan, provenance: GitHubProvenance | undefined): string {
  const name = run.name ? ` ${escapeMarkdown(run.name, MAX_CELL)}` : "";
  const manifests = run.manifests.map((m) => manifestCell(m.file, provenance)).join("<br>");
  const cells = [
    `${escapeMarkdown(run.id, MAX_CELL)}${name}`,
    manifests,
    runCreates(run),
    run.insertions.length,
    run.drift.length,
    run.outOfOrder.length,
    run.unmanaged,
    run.duplicates.length,
  ];
  return `| ${cells.join(" | ")} |`;
}

/** The table, or undefined past MAX_TABLE_RUNS runs. */
export function runTable(
  runs: readonly RunPlan[],
  provenance: GitHubProvenance | undefined,
): string | undefined {
  if (runs.length === 0 || runs.length > MAX_TABLE_RUNS) return undefined;
  return [...HEADER, ...runs.map((run) => row(run, provenance))].join("\n");
}
