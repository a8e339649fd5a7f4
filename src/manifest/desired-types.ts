/**
 * DesiredState: what the manifests ask for, normalised (shorthands expanded, defaults filled)
 * and read-only. It is the planner's only input from the manifests.
 */

import type { JobAction } from "../input/job-kinds.js";
import type { TargetSpec } from "../input/targets.js";

export type { JobAction } from "../input/job-kinds.js";
export type { TargetSpec } from "../input/targets.js";

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
  /** For a job a template built (§7): its place and the expressions that computed its fields. */
  readonly template?: JobTemplateInfo;
}

/** Where a template-built job came from and how its fields were computed. */
export interface JobTemplateInfo {
  /** `target 2 · entities[1]`: the target (when there are several) and the `forEach` items; "" for none. */
  readonly place: string;
  /** Argument path (`dueDate`, `assignee.id`, `title`, `triggerType`) → the expression as written. */
  readonly expressions: Readonly<Record<string, string>>;
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
