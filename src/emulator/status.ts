import { FINISHED_STATUSES, type GroupNode, type JobNode, type RunNode } from "./store.js";

/**
 * Eligibility (§8.7, §9 step 6): a `whenEligible` child of a running group starts (`running`)
 * when the group is parallel, or, in a serial group, when every earlier sibling is finished.
 * Other trigger types wait. Running or complete nodes are never moved back ("re-blocked").
 */

/** True when `node` would be allowed to start now (its parent is running and the order allows it). */
export function isEligible(node: RunNode): boolean {
  const parent = node.parent;
  if (parent?.status !== "running") return false;
  if (parent.parallel) return true;
  for (const sibling of parent.children) {
    if (sibling === node) return true;
    if (!FINISHED_STATUSES.has(sibling.status)) return false;
  }
  return false;
}

/** Moves the newly inserted job runs that are eligible to `running`, in request order. */
export function startNewJobs(jobs: readonly JobNode[]): void {
  for (const job of jobs) {
    if (job.status === "waiting" && job.triggerType === "whenEligible" && isEligible(job)) {
      job.status = "running";
    }
  }
}

/**
 * Starts every waiting `whenEligible` node that is eligible under a running `group`, descending
 * into running groups. `canStart` can exclude nodes (e.g. seeded nodes with an explicit status).
 */
export function startEligible(group: GroupNode, canStart: (node: RunNode) => boolean = () => true): void {
  if (group.status !== "running") return;
  for (const child of group.children) {
    if (!group.parallel && FINISHED_STATUSES.has(child.status)) continue;
    if (child.status === "waiting" && child.triggerType === "whenEligible" && canStart(child)) {
      child.status = "running";
    }
    if (child.kind === "group") startEligible(child, canStart);
    if (!group.parallel) return;
  }
}
