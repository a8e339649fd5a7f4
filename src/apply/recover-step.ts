/**
 * What to do after a failed POST, before anything is sent again:
 * - `not-sent`: the same step again, unless the client will send nothing more (`final`);
 * - `maybe-applied`: let it settle (settle.ts), adopt what appeared, re-send only what a read
 *   after the window still lacks, each item at most once after an unclear answer;
 * - `rejected`: stop, except a 409, which gets one re-read (conflict.ts).
 * Found ids are written into `ids` (the insertion's, by item index).
 */
import type { JobRunCreateItem } from "../api/api-types.js";
import type { FailureOutcome, InsertionRef } from "./apply-types.js";
import { checkConflict } from "./conflict.js";
import type { Resend } from "./reconcile.js";
import type { RunnerContext } from "./runner-context.js";
import type { Failure, Step } from "./send-step.js";
import { settleAmbiguous } from "./settle.js";

export type Recovery =
  | { readonly kind: "resend"; readonly next: readonly Step[]; readonly adopted: boolean }
  | {
      readonly kind: "stop";
      readonly status?: number;
      readonly message: string;
      readonly outcome: FailureOutcome;
      /** The items a 400 named (send-step.ts `Failure.items`). */
      readonly items?: readonly number[];
    };

/** Per insertion: what was already tried once (a 409's re-read; items re-sent after ambiguity). */
export interface RecoveryMemory {
  conflictChecked: boolean;
  readonly resentAfterAmbiguity: Set<number>;
}

export async function recoverStep(
  ref: InsertionRef,
  step: Step,
  items: readonly JobRunCreateItem[],
  failure: Failure,
  ids: (string | null)[],
  memory: RecoveryMemory,
  ctx: RunnerContext,
): Promise<Recovery> {
  const adopt = (found: readonly (string | null)[]) => {
    // The step's items have no id yet, so a null (not found) leaves them as they are.
    found.forEach((id, k) => {
      ids[step.indexes[k] as number] = id;
    });
    return found.filter((id) => id !== null).length;
  };
  const toSteps = (resend: readonly Resend[]): Step[] =>
    resend.map((r) => ({ position: r.position, indexes: r.indexes.map((k) => step.indexes[k] as number) }));

  if (failure.outcome === "not-sent") {
    if (failure.final) return { kind: "stop", ...failure };
    return { kind: "resend", next: [step], adopted: false };
  }
  if (failure.outcome === "rejected") {
    if (failure.status !== 409 || memory.conflictChecked) return { kind: "stop", ...failure };
    memory.conflictChecked = true;
    const check = await checkConflict(ctx.api, ref.runId, items, step.position);
    if (check.kind === "stop")
      return { kind: "stop", ...failure, message: `${failure.message}; ${check.message}` };
    return { kind: "resend", adopted: adopt(check.found) > 0, next: toSteps(check.resend) };
  }

  const settled = await settleAmbiguous(ref.runId, items, step.position, ctx);
  const found = adopt(settled.found);
  const { status, message } = failure;
  ctx.emit({ type: "reconcile", ...ref, status, message, found, missing: settled.found.length - found });
  if (settled.kind === "unverified") {
    return { kind: "stop", status, message: `${message}; ${settled.message}`, outcome: "unverified" };
  }
  const next = toSteps(settled.resend);
  const again = next.flatMap((n) => n.indexes).filter((i) => memory.resentAfterAmbiguity.has(i));
  if (again.length > 0) {
    const what = again.length === 1 ? "a job run" : `${again.length} job runs`;
    return {
      kind: "stop",
      status,
      message: `${message}; ${what} already sent again once after an unclear answer did not appear (not sent a third time)`,
      outcome: "unverified",
    };
  }
  for (const n of next) for (const i of n.indexes) memory.resentAfterAmbiguity.add(i);
  return { kind: "resend", next, adopted: found > 0 };
}
