/**
 * DesiredState: what the manifests ask for, normalised (shorthands expanded, defaults filled)
 * and read-only. It is the planner's only input from the manifests.
 */

/** Job kinds a manifest may create (the API's `action` values for client input). */
export const JOB_ACTIONS = ["sendTask", "contentRequest", "certification"] as const;
export type JobAction = (typeof JOB_ACTIONS)[number];

/** Where an entry came from, for messages and the plan's `source`. Paths are as given to the loader. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** A user or group reference as the API wants it: `{ id, type }`. */
export interface Principal {
  readonly id: string;
  readonly type: string;
}

/**
 * A job to exist. `args` holds the API's `<action>Args` object exactly as it will be sent
 * (field names as in the API, shorthands expanded: `assignee: user1` -> `{ id: "user1", type: "user" }`),
 * including `title`.
 */
export interface DesiredJob {
  readonly kind: "job";
  readonly action: JobAction;
  readonly title: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** Default `whenEligible`. */
  readonly triggerType: string;
  readonly source: SourceRef;
}

/** An existing job run or group run used only as a placement anchor. Never created. */
export interface DesiredRef {
  readonly kind: "ref";
  readonly by: { readonly id: string } | { readonly title: string };
  readonly source: SourceRef;
}

/** An existing group run (groups cannot be created) and what must exist inside it. */
export interface DesiredGroup {
  readonly kind: "group";
  readonly by: { readonly id: string } | { readonly name: string };
  readonly jobs: readonly DesiredEntry[];
  readonly source: SourceRef;
}

export type DesiredEntry = DesiredJob | DesiredRef | DesiredGroup;

/** The three target forms of a manifest. */
export type TargetSpec =
  | { readonly type: "processRun"; readonly id: string }
  | { readonly type: "processId"; readonly id: string }
  | { readonly type: "processName"; readonly name: string };

/** Stable key of a target, used to look up its resolution in LiveState. */
export function targetKey(t: TargetSpec): string {
  switch (t.type) {
    case "processRun":
      return `processRun:${t.id}`;
    case "processId":
      return `process.id:${t.id}`;
    case "processName":
      return `process.name:${t.name}`;
  }
}

/**
 * The `--target` ids that select a manifest's target: its resolved run id (`runId`, when resolved),
 * or its own `processRun` / `process.id`. Empty when none does.
 */
export function selectsTarget(
  only: readonly string[],
  target: TargetSpec,
  runId: string | undefined,
): string[] {
  return only.filter((id) => id === runId || (target.type !== "processName" && id === target.id));
}

/** Human description of a target, e.g. `process run "51bc…"` or `process "Q4 Close"`. */
export function describeTarget(t: TargetSpec): string {
  switch (t.type) {
    case "processRun":
      return `process run ${t.id}`;
    case "processId":
      return `process ${t.id}`;
    case "processName":
      return `process "${t.name}"`;
  }
}

/** One YAML document of kind JobRuns. */
export interface DesiredManifest {
  readonly name?: string;
  readonly target: TargetSpec;
  /** Desired children of the run's root group, in order. */
  readonly jobs: readonly DesiredEntry[];
  /** The document (its `apiVersion` line). */
  readonly source: SourceRef;
  /** The `target:` node. */
  readonly targetSource: SourceRef;
}

export interface DesiredState {
  /** In sorted file order, then document order. */
  readonly manifests: readonly DesiredManifest[];
}
