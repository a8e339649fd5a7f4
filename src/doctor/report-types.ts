/**
 * The doctor's report: plain, JSON-safe data that both renderers read (text and `--format json`).
 * Every string in it has been through the redactor (`redact.ts`) before it is rendered.
 */

import type { NodeCounts, UnknownNode } from "../api/run-shape.js";

export type CheckStatus = "ok" | "warn" | "fail" | "skipped";

export interface Check {
  /** Stable name, e.g. `config`, `base-url`, `tls`, `credentials` (scripts may key on it). */
  readonly name: string;
  readonly status: CheckStatus;
  /** One line, what was found (or why it was skipped). */
  readonly detail: string;
}

export interface TargetReport {
  /** The target as the manifest names it: `process run run-q4close`, `process "Q4 Close"`. */
  readonly target: string;
  /** `manifests/q4.yaml:3`, the first manifest naming it. */
  readonly source: string;
  /** How many manifests (or template targets) name it. */
  readonly manifests: number;
  readonly status: CheckStatus;
  readonly detail: string;
  /** The process run it resolved to. */
  readonly runId?: string;
  /** Per kind, when its run was read. */
  readonly nodes?: NodeCounts;
  /** Every node whose shape jobsync did not understand (a fail). */
  readonly unknownNodes: readonly UnknownNode[];
}

export interface DoctorReport {
  readonly formatVersion: 1;
  readonly jobsyncVersion: string;
  /** `process.version`, e.g. `v22.18.0`. */
  readonly node: string;
  /** `linux x64`. */
  readonly platform: string;
  readonly checks: readonly Check[];
  readonly targets: readonly TargetReport[];
  readonly summary: Readonly<Record<CheckStatus, number>>;
}

/** Counts of every check and target by status. */
export function summarize(
  checks: readonly Check[],
  targets: readonly TargetReport[],
): Readonly<Record<CheckStatus, number>> {
  const summary = { ok: 0, warn: 0, fail: 0, skipped: 0 };
  for (const c of [...checks, ...targets]) summary[c.status]++;
  return summary;
}

/** Exit code: 1 when anything failed, else 0 (warnings allowed). */
export function doctorExitCode(report: DoctorReport): number {
  return report.summary.fail > 0 ? 1 : 0;
}
