import type { ApplyEvent, ApplyResult } from "../apply/apply-types.js";
import { type BudgetWindow, estimateRemainingMs } from "../apply/progress-eta.js";
import type { WaitTracker } from "../apply/wait-tracker.js";
import { renderApplyEventJson, renderApplySummaryJson } from "../render/apply-json.js";
import { renderApplyEvent, renderApplySummary, renderProgressLine } from "../render/apply-text.js";
import { plain } from "../render/words.js";
import type { CommandContext } from "./cli-types.js";

export interface ApplyOutput {
  event(e: ApplyEvent): void;
  /** What is known so far (a second Ctrl-C): job runs created per run, insertions still in flight. */
  soFar(): string;
  summary(result: ApplyResult): void;
  close(): void;
}

export interface ApplyOutputOptions {
  /** The clock (tests pass a fake one). */
  readonly now?: () => number;
  /** The rate budgets in force, for the progress line's time left (the client's `rateBudgets`). */
  readonly budgets?: () => readonly BudgetWindow[];
}

/**
 * Where apply's events go: JSON lines, or text lines plus (on a terminal) a live progress line that
 * is cleared before each text line and redrawn after it, fitted to the terminal's width, with the
 * time left. Everything goes to stdout, as Terraform does.
 */
export function createApplyOutput(
  ctx: CommandContext,
  format: "text" | "json",
  waits: WaitTracker,
  options: ApplyOutputOptions = {},
): ApplyOutput {
  const write = (s: string) => ctx.io.stdout.write(s);
  const now = options.now ?? Date.now;
  const color = ctx.global.color;
  const live = format === "text" && ctx.io.stdout.isTTY === true;
  let started = now();
  const progress = { done: 0, total: 0, created: 0, runs: 0, verified: 0 };
  let current: { runId: string; index: number; of: number } | undefined;
  const createdSoFar = new Map<string, string[]>();
  const flying = new Map<string, string>();
  let shown = false;
  const clear = () => {
    if (shown) write("\r\u001b[2K");
    shown = false;
  };
  const draw = () => {
    if (!live || progress.total === 0) return;
    const at = now();
    const wait = waits.current(at);
    const waitRemainingMs = wait ? wait.untilMs - at : undefined;
    const elapsedMs = at - started;
    const etaMs = estimateRemainingMs({
      remainingRequests: progress.total - progress.done + Math.max(0, progress.runs - progress.verified),
      doneRequests: progress.done + progress.verified,
      elapsedMs,
      budgets: options.budgets?.() ?? [],
      ...(waitRemainingMs !== undefined ? { waitRemainingMs } : {}),
    });
    const line = renderProgressLine(
      {
        done: progress.done,
        total: progress.total,
        created: progress.created,
        elapsedMs,
        ...(etaMs !== undefined ? { etaMs } : {}),
        ...(wait && waitRemainingMs !== undefined
          ? { waitingFor: { reason: wait.reason, remainingMs: waitRemainingMs } }
          : {}),
        ...(current ? { current } : {}),
      },
      ctx.io.stdout.columns,
    );
    write(`\r\u001b[2K${line}`);
    shown = true;
  };
  const timer = live ? setInterval(draw, 1000) : undefined;
  timer?.unref?.();
  return {
    soFar() {
      clear();
      const created = [...createdSoFar].map(([run, ids]) => ({ runId: run, jobRunIds: ids }));
      const inFlight = [...flying.values()];
      if (format === "json") return `${JSON.stringify({ type: "forced-exit", created, inFlight })}\n`;
      const lines = ["", "Interrupted again: exiting now, without waiting. Known so far:"];
      lines.push(created.length === 0 ? "Created: nothing." : "Created:");
      for (const c of created)
        lines.push(
          `  ${plain(c.runId)}: ${c.jobRunIds.length} [${c.jobRunIds.map((id) => plain(id)).join(", ")}]`,
        );
      if (inFlight.length > 0) {
        lines.push(
          "In flight (outcome unknown: check these runs, or wait a few minutes, before re-running):",
        );
        for (const f of inFlight) lines.push(`  ${plain(f)}`);
      }
      return `${lines.join("\n")}\n`;
    },
    event(e) {
      if (e.type === "insertion-start") {
        flying.set(`${e.runId}#${e.index}`, `${e.runId} insertion ${e.index}/${e.of}`);
        current = { runId: e.runId, index: e.index, of: e.of };
      }
      if (e.type === "verified" || e.type === "verify-failed") progress.verified += 1;
      if (e.type === "insertion-done" || e.type === "insertion-failed") {
        flying.delete(`${e.runId}#${e.index}`);
        if (e.createdIds.length > 0)
          createdSoFar.set(e.runId, [...(createdSoFar.get(e.runId) ?? []), ...e.createdIds]);
      }
      if (e.type === "apply-start") {
        progress.total = e.insertions;
        progress.runs = e.runs;
        started = now();
      }
      if (e.type === "insertion-done" || e.type === "insertion-failed") {
        progress.done += 1;
        progress.created += e.createdIds.length;
      }
      if (format === "json") return void write(renderApplyEventJson(e));
      const line = renderApplyEvent(e, { color });
      if (line !== undefined) {
        clear();
        write(`${line}\n`);
      }
      draw();
    },
    summary(result) {
      clearInterval(timer);
      clear();
      write(
        format === "json" ? renderApplySummaryJson(result) : `\n${renderApplySummary(result, { color })}`,
      );
    },
    close() {
      clearInterval(timer);
      clear();
    },
  };
}
