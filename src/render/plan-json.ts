/**
 * The plan as JSON (`--format json`): exactly the saved plan file's content (`serializePlan`),
 * so `plan --format json` and `plan --out FILE` can never disagree.
 */
import { serializePlan } from "../plan/plan-file.js";
import type { Plan } from "../plan/plan-types.js";

/** The plan as stable, 2-space-indented JSON plus "\n": the saved plan file's exact content. */
export function renderPlanJson(plan: Plan): string {
  return serializePlan(plan);
}
