/**
 * The JSON shapes the emulator answers with (§7), one type per resource; serialize.ts builds them.
 * Fields the docs do not confirm follow the recommendations of §7.3–7.5 (see assumptions.ts).
 */

/** An Action stamp (§7.1): UTC date-time without milliseconds and the user who acted. */
export interface ActionStamp {
  readonly dateTime: string;
  readonly user: { readonly id: string };
}

/** `arguments` of a job (§7.6): `{ type, <type>Args }` (the conditional-approver kind has no args field). */
export type JobArgumentsJson = { readonly type: string } & Readonly<Record<string, unknown>>;

/** Job runs per status, keys sorted. */
export type StatusCounts = Readonly<Record<string, number>>;

/** A JobRun (§7.5). `parent` is left out under the root group. */
export interface JobRunJson {
  readonly id: string;
  readonly name: string;
  readonly action: string;
  readonly arguments: JobArgumentsJson;
  readonly triggerType: string;
  readonly ordinal: number;
  readonly parent?: string;
  readonly status: string;
  readonly readOnly: boolean;
  readonly revision: number;
  readonly created: ActionStamp;
  readonly modified: ActionStamp;
  /** Only with `shapes.certificationChildren: "nested"`: a certification's generated job runs. */
  readonly children?: readonly GroupRunChildJson[];
}

/** A child of a GroupRun (§7.4): the tagged wrapper the emulator assumes. */
/** A child of a GroupRun, in one of the shapes of `shapes.children` (child-shapes.ts). */
export type GroupRunChildJson =
  | { readonly type: "jobRun"; readonly jobRun: JobRunJson }
  | { readonly type: "groupRun"; readonly groupRun: GroupRunJson }
  | { readonly type: "job"; readonly job: JobRunJson }
  | { readonly type: "group"; readonly group: GroupRunJson }
  | JobRunJson
  | GroupRunJson
  | (JobRunJson & { readonly type: "jobRun" })
  | (GroupRunJson & { readonly type: "groupRun" });

/** A GroupRun (§7.4). The root has no `name`, `triggerType`, `ordinal` or `parent`. */
export interface GroupRunJson {
  readonly id: string;
  readonly name?: string;
  readonly parallel: boolean;
  readonly readOnly: boolean;
  readonly triggerType?: string;
  readonly ordinal?: number;
  readonly parent?: string;
  readonly status: string;
  readonly statusCounts: StatusCounts;
  readonly revision: number;
  readonly created: ActionStamp;
  readonly modified: ActionStamp;
  readonly children: readonly GroupRunChildJson[];
}

/** A ProcessRun (§7.3) with its whole tree under `root`. */
export interface ProcessRunJson {
  readonly id: string;
  readonly process: string;
  readonly name: string;
  readonly status: string;
  readonly statusCounts: StatusCounts;
  readonly revision: number;
  readonly created: ActionStamp;
  readonly modified: ActionStamp;
  readonly root: GroupRunJson;
}

/** The short run summary embedded in process summaries and processes (§7.2 `run`). */
export interface RunSummaryJson {
  readonly id: string;
  readonly status: string;
  readonly created: ActionStamp;
}

/** A build-time job (§7.2). */
export interface ProcessJobJson {
  readonly id: string;
  readonly name: string;
  readonly action: string;
  readonly arguments: JobArgumentsJson;
  readonly triggerType: string;
}

/** A build-time child (§7.2): `{ type: "job", job }` (confirmed) or `{ type: "group", group }`. */
export type ProcessGroupChildJson =
  | { readonly type: "job"; readonly job: ProcessJobJson }
  | { readonly type: "group"; readonly group: ProcessGroupJson };

/** A build-time group (§7.2); the root has no `id` or `name`. */
export interface ProcessGroupJson {
  readonly id?: string;
  readonly name?: string;
  readonly parallel: boolean;
  readonly readOnly: boolean;
  readonly children: readonly ProcessGroupChildJson[];
}

/** A ProcessSummary, the list item of `GET /processes` (§7.11). */
export interface ProcessSummaryJson {
  readonly id: string;
  readonly name: string;
  readonly dueDate?: string;
  readonly run?: RunSummaryJson;
}

/** A Process (§7.2), as `GET /processes/{id}` answers. */
export interface ProcessJson extends ProcessSummaryJson {
  readonly businessStartDate?: string;
  readonly businessDaysOfWeek?: readonly string[];
  readonly created: ActionStamp;
  readonly modified: ActionStamp;
  readonly root: ProcessGroupJson;
}

/** One page of `GET /processes` (§6): `@nextLink` only when more results follow. */
export interface ProcessListPage {
  readonly data: readonly ProcessSummaryJson[];
  readonly "@nextLink"?: string;
}

/** The 201 body of `POST /processRuns/{id}/jobRuns` (§8.9): the new job runs, in request order. */
export type CreatedJobRuns = readonly JobRunJson[];
