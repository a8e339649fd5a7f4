import type { Insertion, OutlineGroup, RunPlan } from "../plan/plan-types.js";
import { FINISHED_NODE_STATUSES } from "../plan/starts-at-once.js";

/**
 * Which insertions of one run may be sent at the same time (contract §9.7, §12). Every insertion is
 * positioned against a node that exists live (placement never anchors on a new job run), so two
 * insertions at different positions land in the same places whatever order the server gets them.
 * Two things still need order:
 * - the parts of one split gap share a position: each waits for the part before it (plan order,
 *   which for "after" gaps is last part first);
 * - in a running serial group, a job run created while no unfinished job run stands before it
 *   starts at once; so an insertion all of whose live predecessors are finished ("open") waits for
 *   every earlier insertion of its group, which puts waiting job runs in front of it, as sending in
 *   plan order would. Insertions behind an unfinished live job run cannot start whatever the order.
 * Without the live outline (a plan from an older format) every insertion waits for the one before.
 */

/** For each insertion (plan order), the indexes of the earlier insertions it waits for. */
export function insertionDependencies(run: RunPlan): number[][] {
  const { insertions, outline } = run;
  if (outline === undefined) return insertions.map((_, i) => (i === 0 ? [] : [i - 1]));
  const groups = groupsById(outline);
  const lastAtPosition = new Map<string, number>();
  const earlierInGroup = new Map<string, number[]>();
  return insertions.map((insertion, i) => {
    const deps = new Set<number>();
    const key = positionKey(insertion);
    const previous = lastAtPosition.get(key);
    if (previous !== undefined) deps.add(previous);
    lastAtPosition.set(key, i);
    const groupId = insertion.explain.group.id;
    const group = groups.get(groupId);
    const before = earlierInGroup.get(groupId) ?? [];
    if (group === undefined || isOpen(insertion, group)) for (const j of before) deps.add(j);
    earlierInGroup.set(groupId, [...before, i]);
    return [...deps].sort((a, b) => a - b);
  });
}

function positionKey(insertion: Insertion): string {
  return JSON.stringify([insertion.parentGroupId, insertion.relativeSiblingId, insertion.before]);
}

function groupsById(root: OutlineGroup): Map<string, OutlineGroup> {
  const byId = new Map<string, OutlineGroup>();
  const visit = (group: OutlineGroup) => {
    byId.set(group.id, group);
    for (const child of group.children) if (child.kind === "group") visit(child);
  };
  visit(root);
  return byId;
}

/**
 * Whether a job run created at this insertion's place could start at once: its group is (or may
 * be) running and serial, and every live node before the place is finished.
 */
function isOpen(insertion: Insertion, group: OutlineGroup): boolean {
  if (group.parallel) return false;
  if (group.status !== undefined && group.status !== "running") return false;
  const at = liveIndex(insertion, group);
  return group.children
    .slice(0, at)
    .every((node) => node.status !== undefined && FINISHED_NODE_STATUSES.has(node.status));
}

function liveIndex(insertion: Insertion, group: OutlineGroup): number {
  if (insertion.relativeSiblingId === null) return group.children.length;
  const at = group.children.findIndex((node) => node.id === insertion.relativeSiblingId);
  if (at < 0) return group.children.length;
  return insertion.before ? at : at + 1;
}
