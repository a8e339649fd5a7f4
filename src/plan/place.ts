import type { LiveGroupRun, LiveNode } from "../api/live-types.js";
import { argsKeyOf } from "../input/job-kinds.js";
import type { DesiredJob } from "../manifest/desired-types.js";
import { nodeLabelText } from "./group-index.js";
import type { Insertion, NodeLabel, PlannedJob } from "./plan-types.js";

/**
 * Placement (contract §3): turns each run of consecutive missing jobs of one group into
 * insertions at the right position, split by `maxJobsPerRequest` without breaking order.
 */

/** One group's manifest entries as placement sees them; out-of-order and unresolved entries are left out. */
export type Slot =
  | { readonly kind: "anchor"; readonly node: LiveNode }
  | { readonly kind: "missing"; readonly job: DesiredJob };

export interface PlaceContext {
  readonly group: LiveGroupRun;
  readonly isRoot: boolean;
  /** Group names from the root down to `group` ([] for the root). */
  readonly groupPath: readonly string[];
  readonly maxJobsPerRequest: number;
}

/** The POST body item for a desired job, plus its source (`startsAtOnce` is set once the group is placed). */
export function toPlannedJob(job: DesiredJob): PlannedJob {
  return {
    action: job.action,
    arguments: actionArguments(job),
    triggerType: job.triggerType,
    source: {
      file: job.source.file,
      line: job.source.line,
      ...(job.template?.place ? { place: job.template.place } : {}),
      ...(job.template && Object.keys(job.template.expressions).length > 0
        ? { expressions: job.template.expressions }
        : {}),
    },
    startsAtOnce: false,
  };
}

/** `{ type, <action>Args }` (the args key from the table of kinds). */
function actionArguments(job: DesiredJob): PlannedJob["arguments"] {
  return { type: job.action, [argsKeyOf(job.action)]: job.args };
}

function label(node: LiveNode): NodeLabel {
  return { kind: node.kind, id: node.id, label: nodeLabelText(node) };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

type Position =
  | { readonly where: "before" | "after"; readonly sibling: LiveNode }
  | { readonly where: "end" };

/**
 * The insertions of one run of missing jobs, in the order apply sends them.
 *
 * Ids of new job runs are unknown at plan time, so every chunk of a split run is positioned
 * against the same existing node: "before" and "end" chunks go in manifest order (each lands
 * after the previous one); "after" chunks go last-first (each lands right after the anchor, in
 * front of the chunks sent before it).
 */
function insertionsFor(jobs: readonly DesiredJob[], position: Position, ctx: PlaceContext): Insertion[] {
  const size = Math.max(1, Math.floor(ctx.maxJobsPerRequest));
  const chunks = chunk(jobs.map(toPlannedJob), size);
  const group: NodeLabel = { kind: "group", id: ctx.group.id, label: ctx.isRoot ? "" : ctx.group.name };
  const made = chunks.map((plannedJobs, i): Insertion => {
    const part = chunks.length > 1 ? { part: { index: i + 1, of: chunks.length } } : {};
    if (position.where === "end") {
      return {
        parentGroupId: ctx.isRoot ? null : ctx.group.id,
        relativeSiblingId: null,
        before: null,
        jobs: plannedJobs,
        explain: { where: "end", group, groupPath: ctx.groupPath, ...part },
      };
    }
    return {
      parentGroupId: null,
      relativeSiblingId: position.sibling.id,
      before: position.where === "before",
      jobs: plannedJobs,
      explain: {
        where: position.where,
        sibling: label(position.sibling),
        group,
        groupPath: ctx.groupPath,
        ...part,
      },
    };
  });
  return position.where === "after" ? made.reverse() : made;
}

/**
 * Insertions for one group, in manifest order of their runs:
 * a run before the first anchor goes before it; any other run goes right after the preceding
 * anchor; with no anchor at all, the one run is appended to the group.
 */
export function placeMissing(slots: readonly Slot[], ctx: PlaceContext): Insertion[] {
  const insertions: Insertion[] = [];
  let previousAnchor: LiveNode | undefined;
  let pending: DesiredJob[] = [];
  for (const slot of slots) {
    if (slot.kind === "missing") {
      pending.push(slot.job);
      continue;
    }
    if (pending.length > 0) {
      const position: Position = previousAnchor
        ? { where: "after", sibling: previousAnchor }
        : { where: "before", sibling: slot.node };
      for (const insertion of insertionsFor(pending, position, ctx)) insertions.push(insertion);
      pending = [];
    }
    previousAnchor = slot.node;
  }
  if (pending.length > 0) {
    const position: Position = previousAnchor
      ? { where: "after", sibling: previousAnchor }
      : { where: "end" };
    for (const insertion of insertionsFor(pending, position, ctx)) insertions.push(insertion);
  }
  return insertions;
}
