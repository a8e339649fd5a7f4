import { createProgressFold } from "../apply/apply-progress.js";
import type { WaitTracker } from "../apply/wait-tracker.js";
import { createJsonApplyView } from "./apply-view-json.js";
import { createTextApplyView } from "./apply-view-text.js";
import type { ApplyOutput, ApplyOutputOptions } from "./apply-view-types.js";
import type { CommandContext } from "./cli-types.js";

/**
 * Where apply's events go: one ApplyView per format (apply-view-text.ts, apply-view-json.ts),
 * both reading one progress fold over the same events. Everything goes to stdout, as Terraform does.
 */

export type { ApplyOutput, ApplyOutputOptions, ApplyView } from "./apply-view-types.js";

export function createApplyOutput(
  ctx: CommandContext,
  format: "text" | "json",
  waits: WaitTracker,
  options: ApplyOutputOptions = {},
): ApplyOutput {
  const fold = createProgressFold();
  const view =
    format === "json" ? createJsonApplyView(ctx.io, fold) : createTextApplyView(ctx, fold, waits, options);
  return {
    plan: (plan, made) => view.plan(plan, made),
    noChanges: (saved) => view.noChanges(saved),
    starting: () => view.starting(),
    event(e) {
      fold.add(e);
      view.event(e);
    },
    soFar: () => view.soFar(),
    summary: (result) => view.summary(result),
    close: () => view.close(),
  };
}
