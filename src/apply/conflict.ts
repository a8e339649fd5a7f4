/**
 * A 409 on a POST (contract §12): the run is read once. If it still reads as running (or
 * waiting), the job runs of the request that are in place are adopted and the rest is sent once
 * more through the normal path; if it is finished (or unreadable), nothing more goes to that run.
 */
import type { InsertPosition, JobRunCreateItem, ProcessesApi } from "../api/api-types.js";
import { RUNNING_STATUSES } from "../plan/planner.js";
import { decideReconcile, type Resend } from "./reconcile.js";

export type ConflictCheck =
  | {
      readonly kind: "running";
      readonly found: readonly (string | null)[];
      readonly resend: readonly Resend[];
    }
  | { readonly kind: "stop"; readonly message: string };

export async function checkConflict(
  api: Pick<ProcessesApi, "getProcessRun">,
  runId: string,
  items: readonly JobRunCreateItem[],
  position: InsertPosition,
): Promise<ConflictCheck> {
  let status: string | undefined;
  try {
    const live = await api.getProcessRun(runId);
    status = live.status;
    if (status === undefined || RUNNING_STATUSES.has(status)) {
      const decision = decideReconcile(items, position, live);
      if (decision.kind === "decided")
        return { kind: "running", found: decision.found, resend: decision.resend };
      return { kind: "stop", message: decision.message };
    }
  } catch (error) {
    return {
      kind: "stop",
      message: `the run could not be read again (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  return { kind: "stop", message: `the run is ${status} now, so nothing more is sent to it` };
}
