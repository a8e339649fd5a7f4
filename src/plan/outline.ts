import type { LiveGroupRun, LiveNode } from "../api/live-types.js";
import type { OutlineGroup, OutlineNode } from "./plan-types.js";

/**
 * The live run's tree as the reviewer sees it (contract §8): every node with its status, job runs
 * marked managed when a manifest entry names them. Saved in the plan so `show` draws the review
 * tree offline.
 */
export function toOutline(
  group: LiveGroupRun,
  managedJobIds: ReadonlySet<string>,
  isRoot = true,
): OutlineGroup {
  return {
    kind: "group",
    id: group.id,
    name: isRoot ? "" : group.name,
    parallel: group.parallel === true,
    ...(group.status === undefined ? {} : { status: group.status }),
    children: group.children.map((child) => outlineNode(child, managedJobIds)),
  };
}

function outlineNode(node: LiveNode, managedJobIds: ReadonlySet<string>): OutlineNode {
  if (node.kind === "group") return toOutline(node, managedJobIds, false);
  return {
    kind: "job",
    id: node.id,
    action: node.action,
    title: node.title,
    ...(node.status === undefined ? {} : { status: node.status }),
    managed: managedJobIds.has(node.id),
    generated: node.generated,
  };
}
