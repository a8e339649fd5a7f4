import type { LiveGroupRun, LiveJobRun, LiveNode } from "../api/live-types.js";

/**
 * Lookup tables over the direct children of one live group run, built once per group so that
 * matching every manifest entry is a map lookup (no scans of the children). Identity maps are
 * nested (action, then title) rather than keyed by a concatenated string: hashing fresh
 * concatenations dominated the planner's time on large manifests.
 * Generated job runs are left out of every table: they are never matched nor counted.
 */
export interface GroupIndex {
  readonly group: LiveGroupRun;
  /** Position of each direct child (generated ones included: positions are the live order). */
  readonly positionById: ReadonlyMap<string, number>;
  /** Non-generated direct children by id. */
  readonly nodeById: ReadonlyMap<string, LiveNode>;
  /** Non-generated job runs by action, then title (the identity), in live order. */
  readonly jobsByIdentity: ReadonlyMap<string, ReadonlyMap<string, readonly LiveJobRun[]>>;
  /** Non-generated job runs by title and group runs by name, in live order (for `ref: { title }`). */
  readonly nodesByTitle: ReadonlyMap<string, readonly LiveNode[]>;
  /** Group runs by name, in live order. */
  readonly groupsByName: ReadonlyMap<string, readonly LiveGroupRun[]>;
}

/** Job title or group name: what people call a node. */
export function nodeLabelText(node: LiveNode): string {
  return node.kind === "job" ? node.title : node.name;
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The inner map of `outer` at `key`, created when missing. */
export function inner<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = outer.get(key);
  if (!map) {
    map = new Map();
    outer.set(key, map);
  }
  return map;
}

/** Builds the lookup tables of one group's direct children. O(children). */
export function indexGroup(group: LiveGroupRun): GroupIndex {
  const positionById = new Map<string, number>();
  const nodeById = new Map<string, LiveNode>();
  const jobsByIdentity = new Map<string, Map<string, LiveJobRun[]>>();
  const nodesByTitle = new Map<string, LiveNode[]>();
  const groupsByName = new Map<string, LiveGroupRun[]>();
  group.children.forEach((child, position) => {
    positionById.set(child.id, position);
    if (child.kind === "job") {
      if (child.generated) return;
      nodeById.set(child.id, child);
      push(inner(jobsByIdentity, child.action), child.title, child);
      push(nodesByTitle, child.title, child);
    } else {
      nodeById.set(child.id, child);
      push(nodesByTitle, child.name, child);
      push(groupsByName, child.name, child);
    }
  });
  return { group, positionById, nodeById, jobsByIdentity, nodesByTitle, groupsByName };
}

/** Number of non-generated job runs anywhere under `group`. */
export function countManageableJobs(group: LiveGroupRun): number {
  let count = 0;
  for (const child of group.children) {
    if (child.kind === "group") count += countManageableJobs(child);
    else if (!child.generated) count += 1;
  }
  return count;
}
