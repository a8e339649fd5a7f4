import { type ClientEvent, createProcessesClient, type ProcessesClient } from "../api/client.js";
import type { LiveState } from "../api/live-types.js";
import { createProcessReads } from "../api/process-reads.js";
import { createLiveReader } from "../api/read-live.js";
import { type ResolvedConfig, readConcurrency } from "../config/config-types.js";
import { readCredentials } from "../config/credentials.js";
import { readProxySettings } from "../config/proxy-env.js";
import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import { DiagnosticsError, UserError } from "../diagnostics/errors.js";
import { selectsTarget, targetKey } from "../input/targets.js";
import type { DesiredState } from "../manifest/desired-types.js";
import type { Plan } from "../plan/plan-types.js";
import { planChanges } from "../plan/planner.js";
import type { CommandContext } from "./cli-types.js";
import { expandTemplates } from "./expand-templates.js";
import { type LoadedDesired, loadDesired } from "./inputs.js";

/**
 * The steps commands share, in pipeline order: config -> DesiredState (inputs.ts) -> client ->
 * LiveState -> Plan. Each step is IO or a pure function from another folder; this file only wires them.
 */

export { type LoadedDesired, loadCommandConfig, loadDesired } from "./inputs.js";

export function openClient(
  ctx: CommandContext,
  config: ResolvedConfig,
  onEvent?: (e: ClientEvent) => void,
): ProcessesClient {
  return createProcessesClient({
    baseUrl: config.api.baseUrl,
    tokenUrl: config.api.tokenUrl,
    version: config.api.version,
    timeoutMs: config.api.timeoutMs,
    maxWaitSeconds: config.api.maxWaitSeconds,
    credentials: readCredentials(ctx.io.env),
    proxy: readProxySettings(ctx.io.env),
    rateLimit: config.rateLimit,
    onEvent,
    signal: ctx.io.signal,
  });
}

/** `--target ID` values (repeatable). */
export function targetFilter(ctx: CommandContext): string[] | undefined {
  const t = ctx.values.target;
  if (t === undefined) return undefined;
  return (Array.isArray(t) ? t : [t]).map(String);
}

export interface PlannedState {
  readonly desired: DesiredState;
  readonly live: LiveState;
  readonly plan: Plan;
  /** Manifest warnings, for the command to show. */
  readonly warnings: readonly Diagnostic[];
}

/** The manifests with their templates expanded, and the live runs they target. */
export interface ExpandedState {
  readonly desired: DesiredState;
  readonly live: LiveState;
  readonly warnings: readonly Diagnostic[];
}

/**
 * Reads the manifests and the live runs they target, and expands the templates that need them.
 * Each run's download starts as soon as its manifest is parsed, so reading the API overlaps
 * parsing the YAML. Manifest errors are reported before any API failure.
 */
export async function loadExpanded(
  ctx: CommandContext,
  config: ResolvedConfig,
  client: ProcessesClient,
  onlyRunIds?: readonly string[],
  /** The manifests, when the caller has read them already. */
  loaded?: LoadedDesired,
  /** Awaited with the run ids once targets are resolved, before any run is read (apply's locks). */
  beforeReads?: (runIds: readonly string[]) => Promise<void>,
): Promise<ExpandedState> {
  // One read of each process and of the process list for the whole plan (targets and templates).
  const processes = createProcessReads(client);
  const reader = createLiveReader(client, {
    parallelism: readConcurrency(config.parallelism),
    onlyRunIds,
    processes,
    ...(beforeReads ? { beforeReads } : {}),
  });
  const { parts, warnings } = loaded ?? (await loadDesired(ctx, config, (target) => reader.add(target)));
  const live = await reader.finish(
    parts.map((p) => (p.kind === "ready" ? p.manifest.target : p.pending.manifest.target)),
  );
  const expanded = await expandTemplates(parts, live, processes, { timeZone: config.timeZone });
  if (hasErrors(expanded.diagnostics)) throw new DiagnosticsError(expanded.diagnostics);
  if (onlyRunIds) refuseUnmatchedTargets(expanded.desired, live, onlyRunIds);
  return { desired: expanded.desired, live, warnings };
}

/** Reads and expands (loadExpanded), then plans; plan errors become a DiagnosticsError. */
export async function loadAndPlan(
  ctx: CommandContext,
  config: ResolvedConfig,
  client: ProcessesClient,
  onlyRunIds?: readonly string[],
  beforeReads?: (runIds: readonly string[]) => Promise<void>,
): Promise<PlannedState> {
  const { desired, live, warnings } = await loadExpanded(
    ctx,
    config,
    client,
    onlyRunIds,
    undefined,
    beforeReads,
  );
  const result = planChanges(desired, live, { maxJobsPerRequest: config.maxJobsPerRequest, onlyRunIds });
  if (hasErrors(result.diagnostics)) throw new DiagnosticsError(result.diagnostics);
  return { desired, live, plan: result.plan, warnings };
}

/** A `--target` that selects no manifest is a mistake (a typo would otherwise pass as "No changes"). */
function refuseUnmatchedTargets(desired: DesiredState, live: LiveState, onlyRunIds: readonly string[]): void {
  const matched = new Set<string>();
  const known = new Set<string>();
  for (const m of desired.manifests) {
    const t = live.targets.get(targetKey(m.target));
    const runId = t?.ok ? t.runId : undefined;
    if (runId) known.add(runId);
    for (const id of selectsTarget(onlyRunIds, m.target, runId)) matched.add(id);
  }
  const unmatched = onlyRunIds.filter((id) => !matched.has(id));
  if (unmatched.length === 0) return;
  throw new UserError(
    `--target ${unmatched.join(", ")}: no manifest targets ${unmatched.length === 1 ? "this process run" : "these process runs"}`,
    `Process runs the manifests target: ${[...known].sort().join(", ") || "(none resolved)"}.`,
  );
}
