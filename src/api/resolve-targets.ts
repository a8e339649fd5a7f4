/**
 * Manifest targets -> process run ids: `processRun` is itself (existence is checked when read),
 * `process: { id }` is that process's current run (from `GET /processes/{id}`, or, when that
 * build-time Process embeds no run (§13), from the list entry with that id, found by its name),
 * `process: { name }` is the current run of the one process with exactly that name
 * (case-sensitive, every list page followed).
 * Problems the user can fix are `{ ok: false, message }`; transport/auth failures throw ApiError.
 */

import { ApiError } from "../diagnostics/errors.js";
import type { TargetSpec } from "../input/targets.js";
import type { ProcessSummary } from "./api-types.js";
import type { TargetResolution } from "./live-types.js";
import type { ProcessReads } from "./process-reads.js";

/** Close candidates shown when no process has the exact name. */
const MAX_CANDIDATES = 5;

/** Resolves one target. */
export async function resolveTarget(target: TargetSpec, api: ProcessReads): Promise<TargetResolution> {
  switch (target.type) {
    case "processRun":
      return { ok: true, runId: target.id };
    case "processId": {
      let process: ProcessSummary;
      try {
        process = await api.getProcess(target.id);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          return { ok: false, message: `process ${target.id} not found (HTTP 404)` };
        }
        throw error;
      }
      if (process.runId) return { ok: true, runId: process.runId };
      return currentRun(await listedById(process, api), `process ${target.id}`);
    }
    case "processName":
      return resolveByName(target.name, api);
  }
}

async function resolveByName(name: string, api: ProcessReads): Promise<TargetResolution> {
  const listed = await api.byName(name);
  const exact = listed.filter((p) => p.name === name);
  if (exact.length === 1)
    return currentRun(exact[0] as ProcessSummary, `process "${name}" (${exact[0]?.id})`);
  if (exact.length > 1) {
    const ids = exact.map((p) => p.id).join(", ");
    return {
      ok: false,
      message: `${exact.length} processes are named "${name}" (ids ${ids}): use process: { id } instead`,
    };
  }
  const candidates = closeNames(name, listed);
  const similar = candidates.length > 0 ? `; similar: ${candidates.map((n) => `"${n}"`).join(", ")}` : "";
  return { ok: false, message: `no process is named "${name}"${similar}` };
}

/** The list entry of `process` (the list embeds each process's run), else `process` itself. */
async function listedById(process: ProcessSummary, api: ProcessReads): Promise<ProcessSummary> {
  if (!process.name) return process;
  const listed = await api.byName(process.name);
  return listed.find((p) => p.id === process.id) ?? process;
}

function currentRun(process: ProcessSummary, label: string): TargetResolution {
  if (!process.runId) return { ok: false, message: `${label} has no current run (it was never started)` };
  return { ok: true, runId: process.runId };
}

/** Distinct names from the filtered list, those equal ignoring case first, then by length. */
function closeNames(name: string, listed: readonly ProcessSummary[]): string[] {
  const lower = name.toLowerCase();
  const names = [...new Set(listed.map((p) => p.name))];
  const rank = (n: string) => (n.toLowerCase() === lower ? 0 : n.toLowerCase().includes(lower) ? 1 : 2);
  return names
    .sort((a, b) => rank(a) - rank(b) || a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_CANDIDATES);
}
