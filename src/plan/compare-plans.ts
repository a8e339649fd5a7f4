/**
 * A saved plan is applied only if it is what the current manifests give (contract §9.8, §12):
 * every insertion (position and body) and every `starts at once` equal to a plan made now from
 * the same targets, or the first difference in words.
 */
import { kindArgs } from "../input/job-kinds.js";
import type { Insertion, Plan, RunPlan } from "./plan-types.js";

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function title(job: Insertion["jobs"][number]): string {
  const args = kindArgs(job);
  return typeof args?.title === "string" ? `${job.action} "${args.title}"` : job.action;
}

function insertionDifference(runId: string, n: number, saved: Insertion, now: Insertion): string | undefined {
  const at = `process run ${runId}, insertion ${n}`;
  if (
    saved.parentGroupId !== now.parentGroupId ||
    saved.relativeSiblingId !== now.relativeSiblingId ||
    saved.before !== now.before
  )
    return `${at}: the saved plan inserts at another position than the manifests give now`;
  if (saved.jobs.length !== now.jobs.length)
    return `${at}: the saved plan creates ${saved.jobs.length} job runs there, the manifests now ${now.jobs.length}`;
  for (const [k, job] of saved.jobs.entries()) {
    const other = now.jobs[k];
    if (other === undefined) break;
    const body = (j: typeof job) =>
      canonical({ action: j.action, arguments: j.arguments, triggerType: j.triggerType });
    if (body(job) !== body(other))
      return `${at}: job ${k + 1} is ${title(job)} in the saved plan but ${title(other)}${title(job) === title(other) ? " with other arguments" : ""} from the manifests now`;
    if (job.startsAtOnce !== other.startsAtOnce)
      return `${at}: ${title(job)} ${job.startsAtOnce ? "starts at once" : "waits"} in the saved plan but ${other.startsAtOnce ? "starts at once" : "waits"} now`;
  }
  return undefined;
}

/** The first difference between a saved plan and one made now, or undefined when they agree. */
export function firstPlanDifference(saved: Plan, now: Plan): string | undefined {
  const writes = (p: Plan) =>
    new Map(p.processRuns.filter((r) => r.insertions.length > 0).map((r) => [r.id, r]));
  const before = writes(saved);
  const after = writes(now);
  for (const [id, run] of before) {
    const fresh: RunPlan | undefined = after.get(id);
    if (fresh === undefined)
      return `process run ${id}: the saved plan creates job runs there, the manifests now nothing`;
    if (run.insertions.length !== fresh.insertions.length)
      return `process run ${id}: the saved plan has ${run.insertions.length} insertions, the manifests now ${fresh.insertions.length}`;
    for (const [i, insertion] of run.insertions.entries()) {
      const diff = insertionDifference(id, i + 1, insertion, fresh.insertions[i] as Insertion);
      if (diff) return diff;
    }
  }
  for (const id of after.keys())
    if (!before.has(id))
      return `process run ${id}: the manifests now create job runs there, the saved plan nothing`;
  return undefined;
}
