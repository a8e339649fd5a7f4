import type { ClientEvent, ProcessesClient } from "../../api/client.js";
import { applyPlan } from "../../apply/applier.js";
import { type ApplyEvent, applySucceeded } from "../../apply/apply-types.js";
import { createLatencyMeter } from "../../apply/inflight.js";
import type { HeldLocks } from "../../apply/run-lock.js";
import { checkStale } from "../../apply/stale-check.js";
import { createWaitTracker } from "../../apply/wait-tracker.js";
import { readConcurrency } from "../../config/config-types.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { UserError } from "../../diagnostics/errors.js";
import { firstPlanDifference } from "../../plan/compare-plans.js";
import type { Plan } from "../../plan/plan-types.js";
import { count } from "../../render/words.js";
import { lockAndFreshen, lockBeforeReading, lockTimeoutMs } from "../apply-lock.js";
import { createApplyOutput } from "../apply-output.js";
import type { CommandContext, CommandSpec } from "../cli-types.js";
import { loadAndPlan, loadCommandConfig, openClient, targetFilter } from "../load-and-plan.js";
import { formatOption, readFormat, readPlanFile } from "../plan-output.js";
import { planningHeartbeat } from "../planning-heartbeat.js";

const APPLY_FORMATS = ["text", "json"] as const;
const USAGE =
  "jobsync apply [PLANFILE] [--auto-approve] [--format text|json] [--target ID]... [--lock-timeout 0s|30s|2m]";
export const CONFIRM_QUESTION = "Do you want to perform these actions? Only 'yes' will be accepted: ";

export const applyCommand: CommandSpec = {
  usage: USAGE,
  operands: "files",
  options: {
    "auto-approve": {
      type: "boolean",
      description: "Do not ask for confirmation (needed when not on a terminal)",
    },
    format: formatOption(APPLY_FORMATS),
    parallelism: {
      type: "string",
      description: "Requests in flight at most, or auto (overrides the config's parallelism)",
      valueName: "N",
    },
    target: {
      type: "string",
      multiple: true,
      description: "Only apply to this process run (repeatable)",
      valueName: "ID",
    },
    "lock-timeout": {
      type: "string",
      description: "How long to wait for another apply on the same process run (default 0s: fail at once)",
      valueName: "DURATION",
    },
  },
  run: runApply,
};

async function runApply(ctx: CommandContext): Promise<number> {
  const format = readFormat(ctx, APPLY_FORMATS);
  const planFile = ctx.positionals[0];
  if (ctx.positionals.length > 1)
    throw new UserError(`unexpected argument "${ctx.positionals[1]}"`, `Usage: ${USAGE}`);
  const autoApprove = ctx.values["auto-approve"] === true;
  if (planFile !== undefined && targetFilter(ctx) !== undefined) {
    throw new UserError(
      "--target cannot be used with a saved plan (it is applied exactly as saved)",
      "Pass --target to `jobsync plan` instead.",
    );
  }
  if (planFile === undefined && !autoApprove) {
    if (format === "json") {
      throw new UserError(
        "--format json needs --auto-approve (or a saved plan file): there is no way to ask for confirmation",
      );
    }
    if (!ctx.io.stdinIsTTY || !ctx.io.prompt) {
      throw new UserError(
        "refusing to apply without confirmation on a non-interactive terminal: pass --auto-approve, or save a plan with `jobsync plan --out plan.json` and apply it",
      );
    }
  }
  lockTimeoutMs(ctx); // a bad --lock-timeout is refused before anything is read
  const savedPlan = planFile !== undefined ? await readPlanFile(ctx, planFile) : undefined;
  const config = await loadCommandConfig(ctx);

  // The client gets its own signal: Ctrl-C cancels reads while planning, but once apply starts,
  // requests in flight must finish (or be reconciled) rather than be cut off.
  const clientAbort = new AbortController();
  let planning = true;
  const onInterrupt = () => {
    if (planning) clientAbort.abort();
  };
  ctx.io.signal?.addEventListener("abort", onInterrupt, { once: true });
  const waits = createWaitTracker();
  let budgets: () => readonly { readonly limit: number; readonly ms: number }[] = () => [];
  const output = createApplyOutput(ctx, format, waits, { budgets: () => budgets() });
  ctx.io.atForcedExit?.(() => ctx.io.stdout.write(output.soFar()));
  const heartbeat = planningHeartbeat(ctx);
  const latency = createLatencyMeter();
  const onClientEvent = (e: ClientEvent) => {
    if (planning) heartbeat.onEvent(e);
    if (e.type === "request" && e.status !== undefined && e.status !== 429) latency.sample(e.ms);
    if (e.type !== "waiting" || !Number.isFinite(e.untilMs)) return;
    waits.note({ reason: e.reason, untilMs: e.untilMs });
    if (e.untilMs - Date.now() >= 1000) {
      output.event({
        type: "waiting",
        reason: e.reason,
        untilMs: e.untilMs,
        ...(e.detail ? { detail: e.detail } : {}),
      });
    }
  };
  const client = openClient({ ...ctx, io: { ...ctx.io, signal: clientAbort.signal } }, config, onClientEvent);
  budgets = () => client.rateBudgets();
  let locks: HeldLocks | undefined;
  try {
    let plan: Plan;
    let warnings: readonly Diagnostic[] = [];
    try {
      const stale = (changed: readonly string[]): never => {
        throw staleError(planFile as string, changed);
      };
      if (savedPlan) {
        plan = savedPlan;
        await refuseIfStale(savedPlan, client, readConcurrency(config.parallelism), planFile as string);
      } else if (autoApprove) {
        // Locked before reading: the plan read is the fresh read (§12).
        const early = lockBeforeReading(ctx, config);
        try {
          ({ plan, warnings } = await loadAndPlan(ctx, config, client, targetFilter(ctx), early.beforeReads));
        } finally {
          locks = early.held();
        }
      } else {
        ({ plan, warnings } = await loadAndPlan(ctx, config, client, targetFilter(ctx)));
      }
      // Otherwise: lock the runs to write once the plan is known, then read them fresh (apply-lock.ts).
      const replan = savedPlan
        ? undefined
        : async () => (await loadAndPlan(ctx, config, client, targetFilter(ctx))).plan;
      if (plan.summary.create > 0 && locks === undefined)
        ({ plan, locks } = await lockAndFreshen(ctx, config, client, plan, replan, stale));
      if (savedPlan && plan.summary.create > 0)
        await refuseIfNotReviewed(ctx, config, client, savedPlan, planFile as string);
    } catch (error) {
      if (ctx.io.signal?.aborted) return cancelled(ctx, "interrupted before any change was made");
      throw error;
    }
    output.plan(plan, { warnings, savedFile: planFile });
    if (plan.summary.create === 0) {
      output.noChanges(savedPlan !== undefined);
      return 0;
    }
    if (!savedPlan && !autoApprove) {
      const answer = await (ctx.io.prompt as (q: string) => Promise<string>)(`\n${CONFIRM_QUESTION}`);
      if (answer.trim() !== "yes" || ctx.io.signal?.aborted) return cancelled(ctx);
    }
    if (ctx.io.signal?.aborted) return cancelled(ctx, "interrupted before any change was made");
    planning = false;
    heartbeat.stop();
    output.starting();
    const result = await applyPlan(plan, client, {
      parallelism: config.parallelism,
      budget: config.rateLimit,
      latency,
      settleMs: config.api.settleSeconds * 1000,
      signal: ctx.io.signal,
      waits,
      onEvent: (e: ApplyEvent) => output.event(e),
    });
    output.summary(result);
    return applySucceeded(result) ? 0 : 1;
  } finally {
    output.close();
    ctx.io.signal?.removeEventListener("abort", onInterrupt);
    heartbeat.stop();
    await locks?.release();
    await client.close();
  }
}

function cancelled(ctx: CommandContext, why?: string): number {
  ctx.io.stdout.write(`\nApply cancelled${why ? `: ${why}` : ""}.\n`);
  return 1;
}

/** Nothing is sent when any run changed since the plan was made. */
async function refuseIfStale(
  plan: Plan,
  client: ProcessesClient,
  parallelism: number,
  file: string,
): Promise<void> {
  const stale = await checkStale(plan, client, parallelism);
  if (stale.length === 0) return;
  throw staleError(
    file,
    stale.map((s) => s.runId),
  );
}

/** §12: a saved plan must be what the current manifests give, from the same targets and fresh reads. */
async function refuseIfNotReviewed(
  ctx: CommandContext,
  config: Awaited<ReturnType<typeof loadCommandConfig>>,
  client: ProcessesClient,
  saved: Plan,
  file: string,
): Promise<void> {
  const targets = saved.targets.length > 0 ? saved.targets : undefined;
  const { plan: now } = await loadAndPlan(ctx, config, client, targets);
  const difference = firstPlanDifference(saved, now);
  if (difference === undefined) return;
  throw new UserError(
    `the saved plan ${file} is not what the manifests give now (${difference}); nothing was applied`,
    "The manifests changed since the plan was made (or the plan was edited): run `jobsync plan` again, review it, and apply the new plan.",
  );
}

function staleError(file: string, runIds: readonly string[]): UserError {
  return new UserError(
    `the saved plan ${file} is stale: ${count(runIds.length, "process run")} changed since it was made (${runIds.join(", ")}); nothing was applied`,
    "Run `jobsync plan` again, review it, and apply the new plan.",
  );
}
