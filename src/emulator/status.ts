import { AUTO_TRIGGER, FINISHED_STATUSES, NEW_STATUS, STARTED_STATUS } from "./assumptions.js";
import type { GroupNode, JobNode, RunNode } from "./store.js";

/**
 * Eligibility (§8.7, §9 step 6): a `whenEligible` child of a running group starts (`running`)
 * when the group is parallel, or, in a serial group, when every earlier sibling is finished.
 * Other trigger types wait. Running or complete nodes are never moved back ("re-blocked").
 * The statuses and the trigger type are assumptions (assumptions.ts, §7.10, §8.7, §9.6).
 */

/** True when `node` would be allowed to start now (its parent is running and the order allows it). */
export function isEligible(node: RunNode): boolean {
  const parent = node.parent;
  if (parent?.status !== STARTED_STATUS) return false;
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
    if (job.status === NEW_STATUS && job.triggerType === AUTO_TRIGGER && isEligible(job)) {
      job.status = STARTED_STATUS;
    }
  }
}

/**
 * Starts every waiting `whenEligible` node that is eligible under a running `group`, descending
 * into running groups. `canStart` can exclude nodes (e.g. seeded nodes with an explicit status).
 */
export function startEligible(group: GroupNode, canStart: (node: RunNode) => boolean = () => true): void {
  if (group.status !== STARTED_STATUS) return;
  for (const child of group.children) {
    if (!group.parallel && FINISHED_STATUSES.has(child.status)) continue;
    if (child.status === NEW_STATUS && child.triggerType === AUTO_TRIGGER && canStart(child)) {
      child.status = STARTED_STATUS;
    }
    if (child.kind === "group") startEligible(child, canStart);
    if (!group.parallel) return;
  }
}
