import type { JobRunCreateItem } from "../api/api-types.js";

/**
 * The plan: plain, read-only, JSON-safe data. The text, JSON and markdown renderers all read it;
 * the saved plan file is this object. Never mutated after the planner returns.
 *
 * Fields under `explain` only explain (for people); apply never branches on them.
 */

/**
 * Version 2 (this one) added: per job `startsAtOnce` and template `source.place`/`expressions`; per
 * run `status`, `desired`, `duplicates` and the live `outline` the review tree is drawn from; the
 * plan's `targets` and `summary.duplicates`; the saved file's `digest` (plan-file.ts). Version 1
 * files are still read for `show` (plan-file-v1.ts); apply refuses them.
 */
export const PLAN_FORMAT_VERSION = 2 as const;

/** Where a planned item came from. */
export interface ItemSource {
  readonly file: string;
  readonly line: number;
  /** For an item a template built: which target and loop items, `target 2 · entities[1]`. */
  readonly place?: string;
  /** For an item a template built: argument path (`dueDate`, `assignee.id`) → the expression that computed it. */
  readonly expressions?: Readonly<Record<string, string>>;
}

/** A body item plus what the plan knows about it (`createItem()` strips it before sending). */
export interface PlannedJob extends JobRunCreateItem {
  readonly source: ItemSource;
  /**
   * Eligible as soon as it is created (contract §8, §12): the parent group is running, the
   * trigger is `whenEligible`, and the group is parallel or every earlier sibling is finished.
   * Its assignee is notified on apply.
   */
  readonly startsAtOnce: boolean;
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

/** A live job run as the reviewer sees it (the saved plan keeps it so `show` draws the tree offline). */
export interface OutlineJob {
  readonly kind: "job";
  readonly id: string;
  readonly action: string;
  readonly title: string;
  readonly status?: string;
  /** Some manifest entry (job or ref) names it. */
  readonly managed: boolean;
  /** A generated certification child (never managed). */
  readonly generated: boolean;
}

/** A live group run as the reviewer sees it. */
export interface OutlineGroup {
  readonly kind: "group";
  readonly id: string;
  /** "" for the root group. */
  readonly name: string;
  readonly parallel: boolean;
  readonly status?: string;
  readonly children: readonly OutlineNode[];
}

export type OutlineNode = OutlineJob | OutlineGroup;

/** A managed identity (action + title) that live has more often than the manifest asks for. */
export interface Duplicate {
  readonly action: string;
  readonly title: string;
  readonly groupPath: readonly string[];
  /** Every live job run with this identity in the group, in live order. */
  readonly jobRunIds: readonly string[];
  readonly source: ItemSource;
}

export interface RunPlan {
  readonly id: string;
  /** The run's (or its process's) name, for headers. */
  readonly name?: string;
  /** The run's status as read (`running`, `waiting`, …). */
  readonly status?: string;
  readonly fingerprint: string;
  /** `sha256:` digest of the desired state of this run (its manifest's entries, not line numbers). */
  readonly desired: string;
  /** Manifests targeting this run. */
  readonly manifests: readonly { readonly file: string; readonly name?: string }[];
  /** In the order apply sends them. */
  readonly insertions: readonly Insertion[];
  readonly drift: readonly Drift[];
  readonly outOfOrder: readonly OutOfOrder[];
  /** Non-generated live job runs anywhere in the run that no manifest entry (job or ref) matches. */
  readonly unmanaged: number;
  readonly duplicates: readonly Duplicate[];
  /** The live run's tree, for the review tree (absent in plans read from version 1 files). */
  readonly outline?: OutlineGroup;
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
  /** Managed identities found more than once. */
  readonly duplicates: number;
}

export interface Plan {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  /** `--target` values the plan was made with ([] = every manifest's targets); apply re-plans the same. */
  readonly targets: readonly string[];
  readonly summary: PlanSummary;
  /** Sorted by first manifest file, then run id. */
  readonly processRuns: readonly RunPlan[];
}
