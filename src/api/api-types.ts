import type { LiveRun } from "./live-types.js";

/** One item of a `POST /processRuns/{id}/jobRuns` body, exactly as sent (its args: `kindArgs` of `input/job-kinds.ts`). */
export interface JobRunCreateItem {
  readonly action: string;
  readonly arguments: { readonly type: string } & Readonly<Record<string, unknown>>;
  readonly triggerType: string;
}

/** Query of a POST /processRuns/{id}/jobRuns (null = left out). */
export interface InsertPosition {
  readonly parentGroupId: string | null;
  readonly relativeSiblingId: string | null;
  readonly before: boolean | null;
}

/** What a create returned for each job run, in request order. */
export interface CreatedJobRun {
  readonly id: string;
  readonly ordinal?: number;
  readonly parent?: string | null;
}

export interface ProcessSummary {
  readonly id: string;
  readonly name: string;
  /** Id of the process's current run, when it has been started. */
  readonly runId?: string;
  readonly runStatus?: string;
  /** Dates and weekdays of the process (`GET /processes/{id}` only), for templates. */
  readonly dueDate?: string;
  readonly businessStartDate?: string;
  /** As sent: a list of weekday names, checked by the template reader. */
  readonly businessDaysOfWeek?: unknown;
}

/**
 * The calls jobsync makes. Implemented over HTTP by `ProcessesClient`; every request goes
 * through one shared rate limiter. Failures are `ApiError` with a classified outcome.
 */
export interface ProcessesApi {
  getProcessRun(runId: string): Promise<LiveRun>;
  getProcess(processId: string): Promise<ProcessSummary>;
  /** Follows every page. */
  listProcesses(filter?: { readonly nameContains?: string }): Promise<ProcessSummary[]>;
  /** Never retried blindly: a maybe-applied failure is handed up as ApiError. */
  createJobRuns(
    runId: string,
    position: InsertPosition,
    items: readonly JobRunCreateItem[],
  ): Promise<CreatedJobRun[]>;
}
