import type { SeedNode } from "./emulator-types.js";

/**
 * The emulator's in-memory state: processes, their runs, and per run an index id -> node for O(1)
 * lookups. Nodes keep a link to their parent group; `ordinal` is kept equal to the position in
 * the parent's `children` (see `renumber`).
 */

interface NodeBase {
  readonly id: string;
  status: string;
  triggerType: string;
  revision: number;
  readonly created: number;
  modified: number;
  ordinal: number;
  /** Undefined only for a run's root group. */
  parent: GroupNode | undefined;
}

export interface JobNode extends NodeBase {
  readonly kind: "job";
  readonly name: string;
  readonly action: string;
  /** The `<action>Args` object, as given. */
  readonly args: Readonly<Record<string, unknown>>;
}

export interface GroupNode extends NodeBase {
  readonly kind: "group";
  readonly name: string | undefined;
  readonly parallel: boolean;
  readonly readOnly: boolean;
  readonly children: RunNode[];
}

export type RunNode = JobNode | GroupNode;

export interface RunRecord {
  readonly id: string;
  readonly processId: string;
  readonly name: string;
  status: string;
  revision: number;
  readonly created: number;
  modified: number;
  readonly root: GroupNode;
  /** Every node of the tree (root included) by id. */
  readonly nodes: Map<string, RunNode>;
}

export interface ProcessRecord {
  readonly id: string;
  readonly name: string;
  readonly dueDate: string | undefined;
  readonly businessStartDate?: string | undefined;
  readonly businessDaysOfWeek?: readonly string[] | undefined;
  readonly created: number;
  modified: number;
  /** Id of the current run, once started. */
  currentRunId: string | undefined;
  readonly template: { readonly parallel: boolean; readonly children: readonly SeedNode[] } | undefined;
}

/** The whole state plus its clock and id generator. */
export class EmulatorStore {
  readonly processes = new Map<string, ProcessRecord>();
  readonly runs = new Map<string, RunRecord>();
  /** Every id in use by any process, run or node (generated ids never collide with seeded ones). */
  private readonly usedIds = new Set<string>();
  private counter = 0;

  constructor(readonly now: () => number) {}

  /** Marks a (seeded) id as taken; false when it already was. */
  claimId(id: string): boolean {
    if (this.usedIds.has(id)) return false;
    this.usedIds.add(id);
    return true;
  }

  /** A fresh id such as `jr_12` (deterministic: a counter, skipping taken ids). */
  newId(prefix: string): string {
    for (;;) {
      this.counter += 1;
      const id = `${prefix}_${this.counter}`;
      if (this.claimId(id)) return id;
    }
  }

  /** The run and node with this id, when the node belongs to that run. */
  findNode(runId: string, nodeId: string): RunNode | undefined {
    return this.runs.get(runId)?.nodes.get(nodeId);
  }
}

/** Sets every child's `ordinal` to its position (0…n-1). */
export function renumber(group: GroupNode): void {
  group.children.forEach((child, index) => {
    child.ordinal = index;
  });
}

/** Bumps `revision` and `modified` on `group`, each of its ancestors, and the run. */
export function bumpRevisions(run: RunRecord, group: GroupNode, at: number): void {
  for (let g: GroupNode | undefined = group; g; g = g.parent) {
    g.revision += 1;
    g.modified = at;
  }
  run.revision += 1;
  run.modified = at;
}

/** Counts the job runs under `group` (all depths) per status. Keys sorted for stable output. */
export function statusCounts(group: GroupNode): Record<string, number> {
  const counts = new Map<string, number>();
  const visit = (node: RunNode): void => {
    if (node.kind === "job") counts.set(node.status, (counts.get(node.status) ?? 0) + 1);
    else node.children.forEach(visit);
  };
  group.children.forEach(visit);
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
