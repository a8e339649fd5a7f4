/**
 * A tiny, independent model of `POST /processRuns/{id}/jobRuns` placement, for property tests
 * (API notes §9): the parent P is `parentGroupId`, else the sibling's parent, else the root;
 * the index is pos(sibling) (+1 when before=false), else the end of P; all new job runs go in
 * contiguously at that index, in request order. Invalid positions throw, as the API would refuse.
 *
 * It shares no code with the planner on purpose.
 */

import type { JobRunCreateItem } from "../../src/api/api-types.js";
import type { LiveGroupRun, LiveJobRun, LiveNode, LiveRun } from "../../src/api/live-types.js";

export interface ModelInsertion {
  readonly parentGroupId: string | null;
  readonly relativeSiblingId: string | null;
  readonly before: boolean | null;
  readonly jobs: readonly JobRunCreateItem[];
}

export class ModelRejection extends Error {}

function findGroup(group: LiveGroupRun, id: string): LiveGroupRun | undefined {
  if (group.id === id) return group;
  for (const child of group.children) {
    if (child.kind === "group") {
      const found = findGroup(child, id);
      if (found) return found;
    }
  }
  return undefined;
}

function findParentOf(group: LiveGroupRun, id: string): LiveGroupRun | undefined {
  for (const child of group.children) {
    if (child.id === id) return group;
    if (child.kind === "group") {
      const found = findParentOf(child, id);
      if (found) return found;
    }
  }
  return undefined;
}

function replaceGroup(group: LiveGroupRun, id: string, children: readonly LiveNode[]): LiveGroupRun {
  if (group.id === id) return { ...group, children };
  return {
    ...group,
    children: group.children.map((c) => (c.kind === "group" ? replaceGroup(c, id, children) : c)),
  };
}

function newJob(item: JobRunCreateItem, id: string): LiveJobRun {
  const args = (item.arguments as Record<string, unknown>)[`${item.action}Args`] as Record<string, unknown>;
  if (item.arguments.type !== item.action || typeof args?.title !== "string") {
    throw new ModelRejection(`malformed body item for ${item.action}`);
  }
  return {
    kind: "job",
    id,
    action: item.action,
    title: args.title,
    args,
    triggerType: item.triggerType,
    generated: false,
  };
}

/** Applies one POST to `run` and returns the new run; new job runs get ids from `nextId`. */
export function applyInsertion(run: LiveRun, insertion: ModelInsertion, nextId: () => string): LiveRun {
  const { parentGroupId, relativeSiblingId } = insertion;
  let parent: LiveGroupRun | undefined;
  if (parentGroupId !== null) {
    parent = findGroup(run.root, parentGroupId);
    if (!parent) throw new ModelRejection(`parentGroupId ${parentGroupId} is not a group of the run`);
  } else if (relativeSiblingId !== null) {
    parent = findParentOf(run.root, relativeSiblingId);
    if (!parent) throw new ModelRejection(`relativeSiblingId ${relativeSiblingId} is not in the run`);
  } else {
    parent = run.root;
  }
  if (parent.readOnly) throw new ModelRejection(`group ${parent.id} is read-only`);
  let index = parent.children.length;
  if (relativeSiblingId !== null) {
    const position = parent.children.findIndex((c) => c.id === relativeSiblingId);
    if (position < 0) throw new ModelRejection(`${relativeSiblingId} is not a direct child of ${parent.id}`);
    index = insertion.before === false ? position + 1 : position;
  }
  const created = insertion.jobs.map((item) => newJob(item, nextId()));
  const children = [...parent.children.slice(0, index), ...created, ...parent.children.slice(index)];
  return { ...run, root: replaceGroup(run.root, parent.id, children) };
}

/** Applies POSTs in order; new ids are `new-1`, `new-2`, … */
export function applyInsertions(run: LiveRun, insertions: readonly ModelInsertion[]): LiveRun {
  let n = 0;
  const nextId = () => `new-${++n}`;
  return insertions.reduce((current, insertion) => applyInsertion(current, insertion, nextId), run);
}
