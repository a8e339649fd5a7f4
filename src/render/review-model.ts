/**
 * A process run as the reviewer sees it (contract §8): the live tree in live order with the new
 * job runs at the place they will have, the existing job runs right before and after each change
 * as context, the groups on the way, and every other stretch folded. The text and markdown
 * renderers both draw these rows; neither walks the plan itself.
 */
import type {
  Insertion,
  OutlineGroup,
  OutlineJob,
  OutlineNode,
  PlannedJob,
  RunPlan,
} from "../plan/plan-types.js";

export type ReviewRow =
  | { readonly kind: "new"; readonly depth: number; readonly job: PlannedJob }
  | {
      readonly kind: "live";
      readonly depth: number;
      readonly job: OutlineJob;
      /** Not named by any manifest entry (and not generated). */
      readonly unmanaged: boolean;
      /** One of several live job runs of a managed identity. */
      readonly duplicate: boolean;
    }
  | { readonly kind: "group"; readonly depth: number; readonly group: OutlineGroup }
  /** `⋮ N unchanged (M not in any manifest)`: N live nodes, M of them unmanaged job runs. */
  | { readonly kind: "fold"; readonly depth: number; readonly count: number; readonly unmanaged: number };

type Item =
  | { readonly kind: "new"; readonly job: PlannedJob }
  | { readonly kind: "node"; readonly node: OutlineNode };

interface Placed {
  readonly index: number;
  readonly part: number;
  readonly order: number;
  readonly jobs: readonly PlannedJob[];
}

/** New jobs of every group by group id, each with the live index they will stand at. */
function newJobsByGroup(run: RunPlan, outline: OutlineGroup): Map<string, Placed[]> {
  const positions = new Map<string, { group: string; index: number }>();
  const size = new Map<string, number>();
  const walk = (group: OutlineGroup): void => {
    size.set(group.id, group.children.length);
    group.children.forEach((child, index) => {
      positions.set(child.id, { group: group.id, index });
      if (child.kind === "group") walk(child);
    });
  };
  walk(outline);
  const byGroup = new Map<string, Placed[]>();
  run.insertions.forEach((insertion: Insertion, order) => {
    const sibling =
      insertion.relativeSiblingId === null ? undefined : positions.get(insertion.relativeSiblingId);
    const group = sibling?.group ?? insertion.parentGroupId ?? outline.id;
    const index = sibling ? sibling.index + (insertion.before ? 0 : 1) : (size.get(group) ?? 0);
    const part = insertion.explain.part?.index ?? 1;
    const list = byGroup.get(group) ?? [];
    list.push({ index, part, order, jobs: insertion.jobs });
    byGroup.set(group, list);
  });
  for (const list of byGroup.values()) {
    list.sort((a, b) => a.index - b.index || a.part - b.part || a.order - b.order);
  }
  return byGroup;
}

/** The group's children in their final order: live nodes with the new jobs placed among them. */
function finalItems(group: OutlineGroup, placed: readonly Placed[]): Item[] {
  const items: Item[] = [];
  let next = 0;
  group.children.forEach((node, index) => {
    while (next < placed.length && placed[next]!.index === index) {
      for (const job of placed[next]!.jobs) items.push({ kind: "new", job });
      next += 1;
    }
    items.push({ kind: "node", node });
  });
  for (; next < placed.length; next += 1)
    for (const job of placed[next]!.jobs) items.push({ kind: "new", job });
  return items;
}

interface Walk {
  readonly byGroup: ReadonlyMap<string, Placed[]>;
  readonly duplicateIds: ReadonlySet<string>;
  /** Groups with a change (or a duplicate) somewhere inside, by id. */
  readonly changed: ReadonlySet<string>;
}

function findChanged(
  group: OutlineGroup,
  byGroup: ReadonlyMap<string, Placed[]>,
  duplicateIds: ReadonlySet<string>,
  out: Set<string>,
): boolean {
  let changed = (byGroup.get(group.id)?.length ?? 0) > 0;
  for (const child of group.children) {
    if (child.kind === "group") changed = findChanged(child, byGroup, duplicateIds, out) || changed;
    else if (duplicateIds.has(child.id)) changed = true;
  }
  if (changed) out.add(group.id);
  return changed;
}

function isShown(item: Item, walk: Walk): boolean {
  if (item.kind === "new") return true;
  return item.node.kind === "group" ? walk.changed.has(item.node.id) : walk.duplicateIds.has(item.node.id);
}

function liveRow(job: OutlineJob, depth: number, walk: Walk): ReviewRow {
  const unmanaged = !job.managed && !job.generated;
  return { kind: "live", depth, job, unmanaged, duplicate: walk.duplicateIds.has(job.id) };
}

function groupRows(group: OutlineGroup, depth: number, walk: Walk, rows: ReviewRow[]): void {
  const items = finalItems(group, walk.byGroup.get(group.id) ?? []);
  const shown = items.map((item) => isShown(item, walk));
  const context = items.map(
    (_, i) => shown[i] || items[i - 1]?.kind === "new" || items[i + 1]?.kind === "new",
  );
  let folded: Item[] = [];
  const flush = (): void => {
    if (folded.length === 0) return;
    const unmanaged = folded.filter(
      (f) => f.kind === "node" && f.node.kind === "job" && !f.node.managed && !f.node.generated,
    ).length;
    rows.push({ kind: "fold", depth, count: folded.length, unmanaged });
    folded = [];
  };
  items.forEach((item, i) => {
    if (!context[i]) {
      folded.push(item);
      return;
    }
    flush();
    if (item.kind === "new") rows.push({ kind: "new", depth, job: item.job });
    else if (item.node.kind === "job") rows.push(liveRow(item.node, depth, walk));
    else {
      rows.push({ kind: "group", depth, group: item.node });
      if (walk.changed.has(item.node.id)) groupRows(item.node, depth + 1, walk, rows);
    }
  });
  flush();
}

/**
 * The rows of one run's review tree; [] when the run has nothing to create and no duplicate, or
 * when the plan has no outline (a format-1 file).
 */
export function reviewRows(run: RunPlan): ReviewRow[] {
  const outline = run.outline;
  if (!outline || (run.insertions.length === 0 && run.duplicates.length === 0)) return [];
  const byGroup = newJobsByGroup(run, outline);
  const duplicateIds = new Set(run.duplicates.flatMap((d) => d.jobRunIds));
  const changed = new Set<string>();
  findChanged(outline, byGroup, duplicateIds, changed);
  const rows: ReviewRow[] = [];
  groupRows(outline, 0, { byGroup, duplicateIds, changed }, rows);
  return rows;
}
