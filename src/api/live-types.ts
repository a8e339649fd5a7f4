/**
 * LiveState: the process runs as read from the API, as plain read-only trees.
 * Children are sorted by `ordinal`; unknown fields are dropped, unknown statuses kept as strings.
 */

export interface LiveJobRun {
  readonly kind: "job";
  readonly id: string;
  /** The action kind (`sendTask`, …, or a generated certification kind). */
  readonly action: string;
  /** `arguments.<action>Args.title`, or the job run's `name` when there is no title. */
  readonly title: string;
  /** The `<action>Args` object as the API returned it. */
  readonly args: Readonly<Record<string, unknown>>;
  readonly triggerType?: string;
  readonly status?: string;
  /** Generated certification children (read-only, never managed). */
  readonly generated: boolean;
}

export interface LiveGroupRun {
  readonly kind: "group";
  readonly id: string;
  readonly name: string;
  readonly parallel?: boolean;
  readonly readOnly?: boolean;
  readonly status?: string;
  readonly children: readonly LiveNode[];
}

export type LiveNode = LiveJobRun | LiveGroupRun;

export interface LiveRun {
  readonly id: string;
  readonly processId?: string;
  readonly name?: string;
  /** e.g. `running`; unknown values kept. */
  readonly status?: string;
  readonly revision?: number;
  /** When the run last changed: its `modified.dateTime` (ISO), as the API returned it. */
  readonly modified?: string;
  /** When the run was started: its `created.dateTime` (ISO), as the API returned it (`run.created` of templates). */
  readonly created?: string;
  readonly root: LiveGroupRun;
  /**
   * Hash of the run's structure (ids, order, actions, arguments, names; not statuses).
   * A saved plan is stale when this changed.
   */
  readonly fingerprint: string;
}

/** How a manifest target was resolved to a run (or why it could not be). */
export type TargetResolution =
  | { readonly ok: true; readonly runId: string }
  | { readonly ok: false; readonly message: string };

export interface LiveState {
  /** Runs that were read, by run id. */
  readonly runs: ReadonlyMap<string, LiveRun>;
  /** Resolution of every manifest target, by `targetKey(target)`. */
  readonly targets: ReadonlyMap<string, TargetResolution>;
}
