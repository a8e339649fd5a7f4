import type { ProcessesClient } from "../api/client.js";
import { type HeldLocks, lockDir, lockRuns } from "../apply/run-lock.js";
import { checkStale } from "../apply/stale-check.js";
import { type ResolvedConfig, readConcurrency } from "../config/config-types.js";
import { UserError } from "../diagnostics/errors.js";
import { parseDuration } from "../input/duration.js";
import type { Plan } from "../plan/plan-types.js";
import type { CommandContext } from "./cli-types.js";

/**
 * Apply's lock and fresh read (contract §9.1, §9.2): the runs a plan writes to are locked (sorted,
 * waiting up to `--lock-timeout`), then re-read; a run that changed since the plan makes a saved
 * plan stale, and an unsaved plan is made again under the lock (so the plan apply performs was
 * read while no other apply could write). The caller releases the locks on every exit path.
 */

export function lockTimeoutMs(ctx: CommandContext): number {
  const value = ctx.values["lock-timeout"];
  if (value === undefined) return 0;
  const ms = typeof value === "string" ? parseDuration(value) : undefined;
  if (ms === undefined)
    throw new UserError(
      `--lock-timeout must be a duration such as 0s, 30s or 2m (got "${String(value)}")`,
      "Units: ms, s, m, h.",
    );
  return ms;
}

function runsToWrite(plan: Plan): string[] {
  return plan.processRuns.filter((r) => r.insertions.length > 0).map((r) => r.id);
}

export function lockOptions(ctx: CommandContext) {
  return {
    dir: lockDir(ctx.io.env),
    timeoutMs: lockTimeoutMs(ctx),
    now: Date.now,
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    command: `jobsync apply (${ctx.io.cwd})`,
    onNote: (message: string) => ctx.io.stderr.write(`${message}\n`),
  };
}

/**
 * For `apply --auto-approve` (§12): the runs the manifests target are locked once resolved, before
 * they are read, so the plan read is the fresh read. `held()` gives the locks taken (if any).
 */
export function lockBeforeReading(ctx: CommandContext, config: ResolvedConfig) {
  let locks: HeldLocks | undefined;
  return {
    beforeReads: async (runIds: readonly string[]) => {
      locks = await lockRuns(config.api.baseUrl, runIds, lockOptions(ctx));
    },
    held: () => locks,
  };
}

export interface LockedPlan {
  readonly plan: Plan;
  readonly locks: HeldLocks;
  /** True when the fresh read found a change and the plan was made again. */
  readonly replanned: boolean;
}

export async function lockAndFreshen(
  ctx: CommandContext,
  config: ResolvedConfig,
  client: ProcessesClient,
  plan: Plan,
  replan: (() => Promise<Plan>) | undefined,
  onStale: (changed: readonly string[]) => never,
): Promise<LockedPlan> {
  const options = lockOptions(ctx);
  let locks = await lockRuns(config.api.baseUrl, runsToWrite(plan), options);
  try {
    const writing = { ...plan, processRuns: plan.processRuns.filter((r) => r.insertions.length > 0) };
    const stale = await checkStale(writing, client, readConcurrency(config.parallelism));
    if (stale.length === 0) return { plan, locks, replanned: false };
    if (replan === undefined) onStale(stale.map((s) => s.runId));
    const fresh = await replan();
    const more = runsToWrite(fresh).filter((id) => !locks.runIds.includes(id));
    if (more.length > 0) {
      const extra = await lockRuns(config.api.baseUrl, more, options);
      const first = locks;
      locks = {
        runIds: [...first.runIds, ...extra.runIds],
        release: async () => {
          await extra.release();
          await first.release();
        },
      };
    }
    return { plan: fresh, locks, replanned: true };
  } catch (error) {
    await locks.release();
    throw error;
  }
}
