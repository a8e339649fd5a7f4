/**
 * Ambiguous outcomes settle before anything is re-sent (contract §9.4, §12): after a timeout,
 * reset or 5xx on a POST (or a 201 that does not match what was sent), the run is re-read with
 * backoff for up to `api.settleSeconds`, counted from when the outcome became ambiguous, until
 * every item appears. An item counts as absent only when a read that began after the window
 * ended did not show it; only then may it be re-sent. Ctrl-C or SIGTERM end the window early
 * with one immediate read: what that read does not show stays unverified.
 */
import type { InsertPosition, JobRunCreateItem, ProcessesApi } from "../api/api-types.js";
import { decideReconcile, type Resend } from "./reconcile.js";
import type { WaitTracker } from "./wait-tracker.js";

export interface SettleContext {
  readonly api: Pick<ProcessesApi, "getProcessRun">;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** `api.settleSeconds` in ms (0: the first read decides). */
  readonly settleMs: number;
  readonly waits: WaitTracker;
  readonly signal?: AbortSignal;
}

export type SettleResult =
  | {
      /** Absence confirmed after the window (or nothing missing): `resend` may be sent. */
      readonly kind: "settled";
      readonly found: readonly (string | null)[];
      readonly resend: readonly Resend[];
    }
  | {
      /** The outcome could not be settled: what was found, and why the rest is unknown. */
      readonly kind: "unverified";
      readonly found: readonly (string | null)[];
      readonly message: string;
    };

/** First pause between settle reads; doubled after each read, never past the window's end. */
const FIRST_PAUSE_MS = 1000;

export async function settleAmbiguous(
  runId: string,
  items: readonly JobRunCreateItem[],
  position: InsertPosition,
  ctx: SettleContext,
): Promise<SettleResult> {
  const windowEnd = ctx.now() + ctx.settleMs;
  let pause = FIRST_PAUSE_MS;
  let found: readonly (string | null)[] = items.map(() => null);
  for (;;) {
    const readStarted = ctx.now();
    let live: Awaited<ReturnType<ProcessesApi["getProcessRun"]>>;
    try {
      live = await ctx.api.getProcessRun(runId);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { kind: "unverified", found, message: `could not re-read the run to check: ${why}` };
    }
    const decision = decideReconcile(items, position, live);
    if (decision.kind === "unverifiable") return { kind: "unverified", found, message: decision.message };
    found = decision.found;
    const missing = found.some((id) => id === null);
    if (!missing || readStarted >= windowEnd) return { kind: "settled", found, resend: decision.resend };
    // Interrupted before or during this read: it was the one immediate read.
    if (ctx.signal?.aborted) {
      return {
        kind: "unverified",
        found,
        message: "apply was interrupted before the outcome settled",
      };
    }
    const untilMs = Math.min(ctx.now() + pause, windowEnd);
    ctx.waits.note({ reason: "settle", untilMs });
    await ctx.sleep(Math.max(0, untilMs - ctx.now()), ctx.signal);
    pause *= 2;
  }
}
