import { createdSoFar, type ProgressFold } from "../apply/apply-progress.js";
import { safeJson } from "../diagnostics/terminal-safe.js";
import { renderApplyEventJson, renderApplySummaryJson } from "../render/apply-json.js";
import type { ApplyView } from "./apply-view-types.js";

/** `apply --format json`: one JSON line per event, a JSON summary, a JSON "forced-exit" line. */
export function createJsonApplyView(write: (s: string) => void, fold: ProgressFold): ApplyView {
  return {
    event(e) {
      write(renderApplyEventJson(e));
    },
    soFar() {
      const progress = fold.progress();
      const created = createdSoFar(progress).map(({ runId, jobRunIds }) => ({ runId, jobRunIds }));
      return `${safeJson({ type: "forced-exit", created, inFlight: progress.inFlight })}\n`;
    },
    summary(result) {
      write(renderApplySummaryJson(result));
    },
    close() {},
  };
}
