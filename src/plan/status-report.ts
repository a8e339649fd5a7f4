/**
 * `jobsync status` (contract §8): for each targeted process run, whether it is in sync with the
 * manifests (counts of missing, drifted, out-of-order and duplicated job runs) and its health
 * (job runs by status; overdue = due before today and not complete). Pure: the plan, the live
 * runs and today's date in, plain data out.
 */
import type { LiveNode, LiveState } from "../api/live-types.js";
import type { Plan } from "./plan-types.js";

export interface RunStatus {
  readonly id: string;
  readonly name?: string;
  readonly status?: string;
  readonly manifests: readonly string[];
  readonly sync: "Synced" | "OutOfSync";
  readonly missing: number;
  readonly drifted: number;
  readonly outOfOrder: number;
  readonly duplicated: number;
  /** Job runs (generated ones included) by their status as read; `(none)` for no status. */
  readonly byStatus: Readonly<Record<string, number>>;
  readonly overdue: readonly { readonly id: string; readonly title: string; readonly dueDate: string }[];
}

export interface StatusReport {
  readonly today: string;
  readonly runs: readonly RunStatus[];
  readonly outOfSync: number;
}

function walkJobs(node: LiveNode, visit: (job: Extract<LiveNode, { kind: "job" }>) => void): void {
  if (node.kind === "job") visit(node);
  else for (const child of node.children) walkJobs(child, visit);
}

/** `today` is `YYYY-MM-DD` in config `timeZone`; a job is overdue when due before it and not complete. */
export function statusReport(plan: Plan, live: LiveState, today: string): StatusReport {
  const runs = plan.processRuns.map((run): RunStatus => {
    const byStatus: Record<string, number> = {};
    const overdue: { id: string; title: string; dueDate: string }[] = [];
    const liveRun = live.runs.get(run.id);
    if (liveRun)
      walkJobs(liveRun.root, (job) => {
        const status = job.status ?? "(none)";
        byStatus[status] = (byStatus[status] ?? 0) + 1;
        const due = job.args.dueDate;
        if (typeof due === "string" && due < today && job.status !== "complete")
          overdue.push({ id: job.id, title: job.title, dueDate: due });
      });
    const missing = run.insertions.reduce((n, i) => n + i.jobs.length, 0);
    const counts = {
      missing,
      drifted: run.drift.length,
      outOfOrder: run.outOfOrder.length,
      duplicated: run.duplicates.length,
    };
    const synced = Object.values(counts).every((n) => n === 0);
    return {
      id: run.id,
      ...(run.name !== undefined ? { name: run.name } : {}),
      ...(run.status !== undefined ? { status: run.status } : {}),
      manifests: run.manifests.map((m) => m.file),
      sync: synced ? "Synced" : "OutOfSync",
      ...counts,
      byStatus,
      overdue,
    };
  });
  return { today, runs, outOfSync: runs.filter((r) => r.sync === "OutOfSync").length };
}
