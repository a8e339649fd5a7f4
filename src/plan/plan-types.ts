import type { JobRunCreateItem } from "../api/api-types.js";

/**
 * The plan: plain, read-only, JSON-safe data. The text, JSON and markdown renderers all read it;
 * the saved plan file is this object. Never mutated after the planner returns.
 *
 * Fields under `explain` only explain (for people); apply never branches on them.
 */

export const PLAN_FORMAT_VERSION = 1 as const;

/** A body item plus where it came from (stripped before sending). */
export interface PlannedJob extends JobRunCreateItem {
  readonly source: { readonly file: string; readonly line: number };
}

/** A live node described for people: `job run "Kickoff"` or `group "Approvals"`. */
export interface NodeLabel {
  readonly kind: "job" | "group";
  readonly id: string;
  /** Title of a job run, name of a group run ("" for the root group). */
  readonly label: string;
}

/** One POST: every missing job that goes at one position. */
export interface Insertion {
  /** Query parameters, exactly as apply sends them (null = parameter left out). */
  readonly parentGroupId: string | null;
  readonly relativeSiblingId: string | null;
  readonly before: boolean | null;
  readonly jobs: readonly PlannedJob[];
  readonly explain: {
    /** Where, in words: before/after a sibling, or at the end of a group. */
    readonly where: "before" | "after" | "end";
    /** The sibling for before/after. */
    readonly sibling?: NodeLabel;
    /** The parent group (root: kind group, label ""). */
    readonly group: NodeLabel;
    /** Names of the groups from the root down to the parent ([] for root). */
    readonly groupPath: readonly string[];
    /** Set when a long run was split: "part 2 of 3". */
    readonly part?: { readonly index: number; readonly of: number };
  };
}

export interface FieldChange {
  /** Argument name (`dueDate`, `assignee`, …) or `triggerType`. */
  readonly field: string;
  /** Manifest value; undefined when the manifest does not set it. */
  readonly manifest?: unknown;
  /** Live value; undefined when absent. */
  readonly live?: unknown;
}

/** A matched job whose manifest fields differ from live. Reported, never fixed. */
export interface Drift {
  readonly jobRunId: string;
  readonly action: string;
  readonly title: string;
  readonly groupPath: readonly string[];
  readonly changes: readonly FieldChange[];
  readonly source: { readonly file: string; readonly line: number };
}

/** A matched entry whose live position contradicts manifest order. Reported, never fixed. */
export interface OutOfOrder {
  readonly node: NodeLabel;
  readonly groupPath: readonly string[];
  readonly source: { readonly file: string; readonly line: number };
}

export interface RunPlan {
  readonly id: string;
  /** The run's (or its process's) name, for headers. */
  readonly name?: string;
  readonly fingerprint: string;
  /** Manifests targeting this run. */
  readonly manifests: readonly { readonly file: string; readonly name?: string }[];
  /** In the order apply sends them. */
  readonly insertions: readonly Insertion[];
  readonly drift: readonly Drift[];
  readonly outOfOrder: readonly OutOfOrder[];
  /** Non-generated live job runs anywhere in the run that no manifest entry (job or ref) matches. */
  readonly unmanaged: number;
}

export interface PlanSummary {
  /** Job runs to create. */
  readonly create: number;
  /** POSTs. */
  readonly requests: number;
  /** Process runs with at least one insertion. */
  readonly processRuns: number;
  /** Process runs with nothing to create. */
  readonly inSync: number;
  readonly drift: number;
  readonly outOfOrder: number;
  readonly unmanaged: number;
}

export interface Plan {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  readonly summary: PlanSummary;
  /** Sorted by first manifest file, then run id. */
  readonly processRuns: readonly RunPlan[];
}
