import { type ApplyProgress, createdSoFar, type ProgressFold } from "../apply/apply-progress.js";
import { estimateRemainingMs } from "../apply/progress-eta.js";
import type { WaitTracker } from "../apply/wait-tracker.js";
import { escapeControls } from "../diagnostics/terminal-safe.js";
import type { Plan } from "../plan/plan-types.js";
import {
  applyCompleteLine,
  renderApplyEvent,
  renderApplySummary,
  renderProgressLine,
} from "../render/apply-text.js";
import { renderPlanText } from "../render/plan-text.js";
import { count, NO_CHANGES_LINE, plain } from "../render/words.js";
import type { ApplyOutputOptions, ApplyView } from "./apply-view-types.js";
import type { CommandContext } from "./cli-types.js";

/**
 * `apply` in text: one line per event and, on a terminal, a live progress line (from the
 * progress fold) that is cleared before each text line and redrawn after it and once a second,
 * fitted to the terminal's width, with the time left.
 */
export function createTextApplyView(
  ctx: CommandContext,
  fold: ProgressFold,
  waits: WaitTracker,
  options: ApplyOutputOptions,
): ApplyView {
  const write = (s: string) => ctx.io.stdout.write(s);
  const now = options.now ?? Date.now;
  const color = ctx.global.color;
  const live = ctx.io.stdout.isTTY === true;
  let started = now();
  let shown = false;
  const clear = () => {
    if (shown) write("\r\u001b[2K");
    shown = false;
  };
  const draw = () => {
    const progress = fold.progress();
    if (!live || progress.total === 0) return;
    write(`\r\u001b[2K${progressLine(progress, now(), started, waits, options, ctx.io.stdout.columns)}`);
    shown = true;
  };
  const timer = live ? setInterval(draw, 1000) : undefined;
  timer?.unref?.();
  return {
    plan(plan, { warnings, savedFile }) {
      if (savedFile !== undefined) write(`${savedPlanHeader(plan, savedFile)}\n`);
      else write(renderPlanText(plan, { color, diagnostics: warnings }));
    },
    noChanges(saved) {
      if (saved) write(`${NO_CHANGES_LINE}\n`);
      // As Terraform does: the apply line even when there was nothing to do.
      write(`\n${applyCompleteLine({ createdCount: 0, requests: 0 })}\n`);
    },
    starting() {
      write("\n");
    },
    event(e) {
      if (e.type === "apply-start") started = now();
      const line = renderApplyEvent(e, { color });
      if (line !== undefined) {
        clear();
        write(`${line}\n`);
      }
      draw();
    },
    soFar() {
      clear();
      const progress = fold.progress();
      const created = createdSoFar(progress);
      const lines = ["", "Interrupted again: exiting now, without waiting. Known so far:"];
      lines.push(created.length === 0 ? "Created: nothing." : "Created:");
      for (const c of created)
        lines.push(
          `  ${plain(c.runId)}: ${c.jobRunIds.length} [${c.jobRunIds.map((id) => plain(id)).join(", ")}]`,
        );
      if (progress.inFlight.length > 0) {
        lines.push(
          "In flight (outcome unknown: check these runs, or wait a few minutes, before re-running):",
        );
        for (const f of progress.inFlight) lines.push(`  ${plain(f)}`);
      }
      return `${lines.join("\n")}\n`;
    },
    summary(result) {
      clearInterval(timer);
      clear();
      write(`\n${renderApplySummary(result, { color })}`);
    },
    close() {
      clearInterval(timer);
      clear();
    },
  };
}

function savedPlanHeader(plan: Plan, file: string): string {
  const { create, requests, processRuns } = plan.summary;
  return `Applying the saved plan ${escapeControls(file)}: ${count(create, "job run")} to create in ${count(requests, "request")} across ${count(processRuns, "process run")}.`;
}

function progressLine(
  progress: ApplyProgress,
  at: number,
  started: number,
  waits: WaitTracker,
  options: ApplyOutputOptions,
  columns: number | undefined,
): string {
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
  return renderProgressLine(
    {
      done: progress.done,
      total: progress.total,
      created: progress.created,
      elapsedMs,
      ...(etaMs !== undefined ? { etaMs } : {}),
      ...(wait && waitRemainingMs !== undefined
        ? { waitingFor: { reason: wait.reason, remainingMs: waitRemainingMs } }
        : {}),
      ...(progress.current ? { current: progress.current } : {}),
    },
    columns,
  );
}
