/**
 * What jobsync makes of every node of a ProcessRun body, without stopping at the first it does
 * not know (`jobsync doctor`): the same walk and the same rules as `parseProcessRun` (wrappers
 * decide, then §12: a bare node with `action` or `arguments` is a job, one with `parallel` and no
 * `action` a group, anything else unknown), counted per kind, with every unknown node listed.
 */

import { runNodeSchema } from "./api-schema.js";
import { bareKind, isGeneratedAction, keysOf, unreadable, unwrap } from "./parse-run.js";

export interface NodeCounts {
  /** Job runs jobsync manages (matched and planned against). */
  readonly jobs: number;
  readonly groups: number;
  /** Generated certification job runs (read-only, never managed). */
  readonly generated: number;
  readonly unknown: number;
}

export interface UnknownNode {
  /** The node's `id` when it has a string or number one. */
  readonly id?: string;
  /** Where it is: `root.children.0.children.2`. */
  readonly path: string;
  /** Its keys, sorted (or its JSON type when it is not an object). */
  readonly keys: readonly string[];
  /** Why it is not understood. */
  readonly reason: string;
}

export interface RunShape {
  readonly counts: NodeCounts;
  readonly unknown: readonly UnknownNode[];
}

/** Walks `json.root` (iteratively). A body without a `root` object has no nodes (parseProcessRun says why). */
export function inspectRunShape(json: unknown): RunShape {
  const counts = { jobs: 0, groups: 0, generated: 0, unknown: 0 };
  const unknown: UnknownNode[] = [];
  const root = isRecord(json) && isRecord(json.root) ? json.root : undefined;
  if (!root) return { counts, unknown };
  const seen = new Set<string>();
  const stack: { group: Record<string, unknown>; path: string; readOnly: boolean }[] = [
    { group: root, path: "root", readOnly: root.readOnly === true },
  ];
  if (root.id !== undefined) seen.add(String(root.id));
  while (stack.length > 0) {
    const { group, path, readOnly } = stack.pop() as (typeof stack)[number];
    const children = Array.isArray(group.children) ? group.children : [];
    children.forEach((child, i) => {
      const at = `${path}.children.${i}`;
      const { value, hint, problem } = unwrap(child);
      const parsed = runNodeSchema.safeParse(value);
      if (problem || !parsed.success) {
        counts.unknown++;
        const reason = problem ?? unreadable(child);
        unknown.push({ ...idOf(value), path: at, keys: keysOf(child), reason });
        return;
      }
      const node = parsed.data;
      if (seen.has(node.id)) return;
      seen.add(node.id);
      const kind = hint ?? bareKind(node);
      if (kind === undefined) {
        counts.unknown++;
        unknown.push({
          id: node.id,
          path: at,
          keys: keysOf(value),
          reason: "neither a job run (no action or arguments) nor a group run (no parallel)",
        });
        return;
      }
      if (kind === "group") {
        counts.groups++;
        stack.push({
          group: value as Record<string, unknown>,
          path: at,
          readOnly: readOnly || node.readOnly === true,
        });
        return;
      }
      const action = node.action ?? (typeof node.arguments?.type === "string" ? node.arguments.type : "");
      if (readOnly || isGeneratedAction(action)) counts.generated++;
      else counts.jobs++;
      // A job's own children (a certification's) are generated, never walked as groups.
      counts.generated += countGenerated(node.children ?? []);
    });
  }
  return { counts, unknown };
}

function countGenerated(children: readonly unknown[]): number {
  let n = 0;
  const stack = [...children];
  while (stack.length > 0) {
    const { value } = unwrap(stack.pop());
    n++;
    if (isRecord(value) && Array.isArray(value.children)) stack.push(...value.children);
  }
  return n;
}

function idOf(value: unknown): { id?: string } {
  if (!isRecord(value)) return {};
  const id = value.id;
  return typeof id === "string" || typeof id === "number" ? { id: String(id) } : {};
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
