/**
 * How long apply has left, from the rate budget and the work left (for the live progress line).
 * Pure: the caller passes the budgets in force (configured and learned), what is done and the clock.
 */

/** One sliding-window budget: `limit` requests per `ms`. */
export interface BudgetWindow {
  readonly limit: number;
  readonly ms: number;
}

export interface EtaInput {
  /** Requests still to send: insertions not finished plus one verifying read per run not yet verified. */
  readonly remainingRequests: number;
  /** Requests finished since apply started (same units). */
  readonly doneRequests: number;
  readonly elapsedMs: number;
  readonly budgets: readonly BudgetWindow[];
  /** A wait in progress (rate limit, 429, retry), which nothing can shorten. */
  readonly waitRemainingMs?: number;
}

/**
 * The time left: the remaining requests at the tightest budget's pace, or at the pace observed so
 * far when that is slower (latency, parallelism), and never less than a wait in progress.
 * Undefined when nothing is known yet (no budget and nothing done).
 */
export function estimateRemainingMs(input: EtaInput): number | undefined {
  if (input.remainingRequests <= 0) return 0;
  const perRequestByBudget = Math.max(0, ...input.budgets.map((b) => b.ms / Math.max(1, b.limit)));
  const byBudget = input.remainingRequests * perRequestByBudget;
  const byPace =
    input.doneRequests > 0 ? (input.remainingRequests * input.elapsedMs) / input.doneRequests : undefined;
  if (byPace === undefined && input.budgets.length === 0) return undefined;
  return Math.max(byBudget, byPace ?? 0, input.waitRemainingMs ?? 0);
}
