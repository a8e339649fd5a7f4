import type { LiveGroupRun, LiveJobRun, LiveNode } from "../api/live-types.js";
import { JobIdentityMap, type ReadonlyJobIdentityMap } from "../input/job-kinds.js";

/**
 * Lookup tables over the direct children of one live group run, built once per group so that
 * matching every manifest entry is a map lookup (no scans of the children).
 * Generated job runs are left out of every table: they are never matched nor counted.
 */
export interface GroupIndex {
  readonly group: LiveGroupRun;
  /** Position of each direct child (generated ones included: positions are the live order). */
  readonly positionById: ReadonlyMap<string, number>;
  /** Non-generated direct children by id. */
  readonly nodeById: ReadonlyMap<string, LiveNode>;
  /** Non-generated job runs by identity (action + title), in live order. */
  readonly jobsByIdentity: ReadonlyJobIdentityMap<readonly LiveJobRun[]>;
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

/** Builds the lookup tables of one group's direct children. O(children). */
export function indexGroup(group: LiveGroupRun): GroupIndex {
  const positionById = new Map<string, number>();
  const nodeById = new Map<string, LiveNode>();
  const jobsByIdentity = new JobIdentityMap<LiveJobRun[]>();
  const nodesByTitle = new Map<string, LiveNode[]>();
  const groupsByName = new Map<string, LiveGroupRun[]>();
  group.children.forEach((child, position) => {
    positionById.set(child.id, position);
    if (child.kind === "job") {
      if (child.generated) return;
      nodeById.set(child.id, child);
      const namesakes = jobsByIdentity.get(child.action, child.title);
      if (namesakes) namesakes.push(child);
      else jobsByIdentity.set(child.action, child.title, [child]);
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
