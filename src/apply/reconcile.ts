/**
 * After an ambiguous POST failure (5xx, timeout, reset: the server may have committed), decide from
 * a fresh read of the run which of the sent job runs exist and what is still to send, and where.
 * Pure: the applier does the IO.
 */
import type { InsertPosition, JobRunCreateItem } from "../api/api-types.js";
import type { LiveGroupRun, LiveJobRun, LiveRun } from "../api/live-types.js";
import { kindArgs } from "../input/job-kinds.js";
import { indexGroup } from "../plan/group-index.js";

/** A re-send: a contiguous slice of the sent items (indexes into them) and where it goes. */
export interface Resend {
  readonly position: InsertPosition;
  readonly indexes: readonly number[];
}

export type ReconcileDecision =
  | {
      readonly kind: "decided";
      /** Per sent item: the id of the live job run that is it, or null when missing. */
      readonly found: readonly (string | null)[];
      /** Empty when everything was found. */
      readonly resend: readonly Resend[];
    }
  | { readonly kind: "unverifiable"; readonly message: string };

/** The title a create item carries (`arguments.<action>Args.title`), or "" when absent. */
export function itemTitle(item: JobRunCreateItem): string {
  const title = kindArgs(item)?.title;
  return typeof title === "string" ? title : "";
}

/** Every group by id (the root included) and every node's parent group: one walk of the tree. */
function indexTree(root: LiveGroupRun): {
  readonly groupById: ReadonlyMap<string, LiveGroupRun>;
  readonly parentById: ReadonlyMap<string, LiveGroupRun>;
} {
  const groupById = new Map<string, LiveGroupRun>();
  const parentById = new Map<string, LiveGroupRun>();
  const visit = (group: LiveGroupRun) => {
    if (!groupById.has(group.id)) groupById.set(group.id, group);
    for (const child of group.children) {
      if (!parentById.has(child.id)) parentById.set(child.id, group);
      if (child.kind === "group") visit(child);
    }
  };
  visit(root);
  return { groupById, parentById };
}

/** The group a POST with this position inserts into (API §9 step 2). */
export function targetGroup(run: LiveRun, position: InsertPosition): LiveGroupRun | undefined {
  if (position.parentGroupId === null && position.relativeSiblingId === null) return run.root;
  const { groupById, parentById } = indexTree(run.root);
  if (position.parentGroupId !== null) return groupById.get(position.parentGroupId);
  return parentById.get(position.relativeSiblingId as string);
}

/**
 * Which of `items` (sent at `position`, all missing from their group when planned) now exist, and
 * what to re-send. A live job run in the target group with an item's identity (action + title) is
 * that item: the plan saw none there, so it was created by the ambiguous request. Generated job
 * runs (a certification's own signer/approver jobs) are never adopted, as the planner never
 * matches them.
 * Missing items are re-sent in contiguous slices next to a found neighbour (after the last found one
 * before the slice, else before the first found one after it), or at the original position when
 * none was found, so the final order is the planned order.
 */
export function decideReconcile(
  items: readonly JobRunCreateItem[],
  position: InsertPosition,
  live: LiveRun,
): ReconcileDecision {
  const group = targetGroup(live, position);
  if (!group) {
    const what = position.parentGroupId ?? position.relativeSiblingId ?? "root";
    return { kind: "unverifiable", message: `the target group (${what}) is no longer in the run` };
  }
  const { jobsByIdentity } = indexGroup(group);
  // How many job runs of each identity list are claimed: each item takes the next in live order.
  const claimed = new Map<readonly LiveJobRun[], number>();
  const found = items.map((item) => {
    const candidates = jobsByIdentity.get(item.action, itemTitle(item));
    if (!candidates) return null;
    const next = claimed.get(candidates) ?? 0;
    const match = candidates[next];
    if (!match) return null;
    claimed.set(candidates, next + 1);
    return match.id;
  });
  return { kind: "decided", found, resend: resendSlices(found, position) };
}

function resendSlices(found: readonly (string | null)[], original: InsertPosition): Resend[] {
  if (found.every((id) => id === null)) {
    return found.length === 0 ? [] : [{ position: original, indexes: found.map((_, i) => i) }];
  }
  const slices: Resend[] = [];
  let i = 0;
  while (i < found.length) {
    if (found[i] !== null) {
      i += 1;
      continue;
    }
    const start = i;
    while (i < found.length && found[i] === null) i += 1;
    const indexes = Array.from({ length: i - start }, (_, k) => start + k);
    const before = start > 0 ? found[start - 1] : null;
    const position: InsertPosition =
      before !== null && before !== undefined
        ? { parentGroupId: null, relativeSiblingId: before, before: false }
        : { parentGroupId: null, relativeSiblingId: found[i] as string, before: true };
    slices.push({ position, indexes });
  }
  return slices;
}
