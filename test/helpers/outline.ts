import type { LiveGroupRun, LiveRun } from "../../src/api/live-types.js";

/** A run's tree as titles; groups as { name: children }. */
export type Outline = (string | { [group: string]: Outline })[];

/** A run's tree as titles, for exact assertions on order and duplicates. */
export function outline(node: LiveGroupRun | LiveRun): Outline {
  const group = "root" in node ? node.root : node;
  return group.children.map((c) => (c.kind === "job" ? c.title : { [c.name]: outline(c) }));
}
