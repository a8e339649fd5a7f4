/**
 * One POST of an insertion (or of a re-sent part of it) and what its answer proves: the ids, or
 * a failure classified by outcome. A 201 whose list does not match what was sent (count, repeated
 * ids; one without an id is refused by the client) proves nothing and counts as ambiguous (§9.4).
 */
import type { CreatedJobRun, InsertPosition, JobRunCreateItem, ProcessesApi } from "../api/api-types.js";
import { ApiError, type RequestOutcome } from "../diagnostics/errors.js";
import type { Insertion } from "../plan/plan-types.js";

/** A request to make: where, and which of the insertion's items (indexes). */
export interface Step {
  readonly position: InsertPosition;
  readonly indexes: readonly number[];
}

export interface Failure {
  readonly status?: number;
  readonly message: string;
  readonly outcome: RequestOutcome;
  /**
   * For a 400: the insertion's items (indexes) the refusal is about: the one its `target` names by
   * index (`[2].sendTaskArgs.assignee`), else every item of the request.
   */
  readonly items?: readonly number[];
  /** Nothing more will be sent by this command (ApiError `final`): never tried again. */
  readonly final?: boolean;
}

export type StepAnswer =
  | { readonly kind: "created"; readonly ids: readonly string[] }
  | { readonly kind: "failed"; readonly failure: Failure; readonly sent: boolean };

/** Exactly what is sent for a planned job: the API's three fields, nothing the plan adds. */
export function toCreateItem(job: Insertion["jobs"][number]): JobRunCreateItem {
  return { action: job.action, arguments: job.arguments, triggerType: job.triggerType };
}

export async function sendStep(
  api: Pick<ProcessesApi, "createJobRuns">,
  runId: string,
  step: Step,
  items: readonly JobRunCreateItem[],
): Promise<StepAnswer> {
  try {
    const created = await api.createJobRuns(runId, step.position, items);
    const odd = mismatch(created, items.length);
    if (odd === undefined) return { kind: "created", ids: created.map((c) => c.id) };
    return { kind: "failed", failure: { status: 201, message: odd, outcome: "maybe-applied" }, sent: true };
  } catch (error) {
    const failure = classify(error, step);
    return { kind: "failed", failure, sent: failure.outcome !== "not-sent" };
  }
}

/**
 * Why a 201 does not prove what it lists (count, distinct ids), or undefined when it does. (An entry
 * without an id never gets here: the client refuses that answer as maybe applied.)
 */
function mismatch(created: readonly CreatedJobRun[], sent: number): string | undefined {
  if (created.length !== sent)
    return `the API answered 201 listing ${created.length} job runs for ${sent} sent`;
  if (new Set(created.map((c) => c.id)).size !== sent) return "the API answered 201 with the same id twice";
  return undefined;
}

function classify(error: unknown, step: Step): Failure {
  if (error instanceof ApiError) {
    const { status, outcome, final } = error.details;
    const items = status === 400 ? namedItems(error, step) : undefined;
    return {
      status,
      message: error.message,
      outcome,
      ...(items ? { items } : {}),
      ...(final ? { final } : {}),
    };
  }
  // Unknown failures (not classified by the client) are treated as possibly applied: re-reading is safe.
  return { message: error instanceof Error ? error.message : String(error), outcome: "maybe-applied" };
}

/** An item index at the start of a 400's target: `[2]…`, `jobRuns[2]…`, `body[2]…`. */
const ITEM_INDEX = /^[A-Za-z_]*\[(\d+)\]/;

/** The insertion items a 400 names by index (target or sub-error targets), else every item sent. */
function namedItems(error: ApiError, step: Step): readonly number[] {
  const targets = [error.details.target, ...(error.details.subTargets ?? [])];
  const named = new Set<number>();
  for (const target of targets) {
    const k = target === undefined ? undefined : ITEM_INDEX.exec(target)?.[1];
    const index = k === undefined ? undefined : step.indexes[Number(k)];
    if (index !== undefined) named.add(index);
  }
  return named.size > 0 ? [...named].sort((a, b) => a - b) : step.indexes;
}
