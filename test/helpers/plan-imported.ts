/**
 * Test helper for import tests: parse an imported manifest as `jobsync validate` does, then plan
 * it against a live run as `jobsync plan` does (offline: the LiveState is built from `run`).
 */
import type { LiveRun, LiveState } from "../../src/api/live-types.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { targetKey } from "../../src/input/targets.js";
import { parseManifestText } from "../../src/manifest/parse-manifest-text.js";
import type { Plan } from "../../src/plan/plan-types.js";
import { planChanges } from "../../src/plan/planner.js";

export interface ImportedPlan {
  readonly parseDiagnostics: readonly Diagnostic[];
  readonly planDiagnostics: readonly Diagnostic[];
  readonly plan: Plan;
}

/** Parses `text` and plans it against `run` (every manifest target resolves to `run`). */
export function planImportedText(text: string, run: LiveRun, file = "manifests/imported.yaml"): ImportedPlan {
  const { manifests, diagnostics } = parseManifestText(text, file);
  const live: LiveState = {
    runs: new Map([[run.id, run]]),
    targets: new Map(manifests.map((m) => [targetKey(m.target), { ok: true as const, runId: run.id }])),
  };
  const result = planChanges({ manifests }, live, { maxJobsPerRequest: 100 });
  return { parseDiagnostics: diagnostics, planDiagnostics: result.diagnostics, plan: result.plan };
}

/** The counts a faithful import must zero, plus the manifest and plan errors, for one assertion. */
export function roundTripProblems(result: ImportedPlan): Record<string, unknown> {
  const { create, drift, outOfOrder, unmanaged } = result.plan.summary;
  return {
    parseDiagnostics: result.parseDiagnostics,
    planDiagnostics: result.planDiagnostics,
    create,
    drift,
    outOfOrder,
    unmanaged,
  };
}

/** What `roundTripProblems` returns for a faithful import. */
export const NO_PROBLEMS = {
  parseDiagnostics: [],
  planDiagnostics: [],
  create: 0,
  drift: 0,
  outOfOrder: 0,
  unmanaged: 0,
} as const;
