import { createdSoFar, type ProgressFold } from "../apply/apply-progress.js";
import { safeJson } from "../diagnostics/terminal-safe.js";
import {
  renderApplyEventJson,
  renderApplySummaryJson,
  renderNoChangesJson,
  renderPlanLine,
} from "../render/apply-json.js";
import type { ApplyView } from "./apply-view-types.js";
import type { CliIO } from "./cli-types.js";
import { writeDiagnostics } from "./plan-output.js";

/** `apply --format json`: one JSON line per event, a JSON summary, a JSON "forced-exit" line. */
export function createJsonApplyView(io: CliIO, fold: ProgressFold): ApplyView {
  const write = (s: string) => io.stdout.write(s);
  return {
    plan(plan, { warnings }) {
      writeDiagnostics(io, warnings);
      write(renderPlanLine(plan));
    },
    noChanges() {
      write(renderNoChangesJson());
    },
    starting() {},
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
