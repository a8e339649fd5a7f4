/** A Process as the API sends it → `ProcessSummary` (the run id from `run` or `runId`). */

import type { ProcessSummary } from "../api-types.js";

export function toSummary(p: {
  id: string;
  name: string;
  run?: { id: string; status?: string | null } | null;
  runId?: string | null;
  dueDate?: string | null;
  businessStartDate?: string | null;
  businessDaysOfWeek?: unknown;
}): ProcessSummary {
  const runId = p.run?.id ?? p.runId ?? undefined;
  const runStatus = p.run?.status ?? undefined;
  return {
    id: p.id,
    name: p.name,
    ...(runId ? { runId } : {}),
    ...(runStatus ? { runStatus } : {}),
    ...(p.dueDate ? { dueDate: p.dueDate } : {}),
    ...(p.businessStartDate ? { businessStartDate: p.businessStartDate } : {}),
    ...(p.businessDaysOfWeek !== undefined && p.businessDaysOfWeek !== null
      ? { businessDaysOfWeek: p.businessDaysOfWeek }
      : {}),
  };
}
