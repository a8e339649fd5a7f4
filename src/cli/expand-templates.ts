import type { ProcessesApi, ProcessSummary } from "../api/api-types.js";
import type { LiveRun, LiveState } from "../api/live-types.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { ApiError } from "../diagnostics/errors.js";
import { parseBusinessDaysOfWeek } from "../input/calendar-weekdays.js";
import { targetKey } from "../input/targets.js";
import type { ProcessValues, RunValues } from "../input/template/scope.js";
import { dateInTimeZone } from "../input/template/time-zone.js";
import type { DesiredManifest, DesiredState } from "../manifest/desired-types.js";
import type { LoadedPending, ManifestPart } from "../manifest/load-manifests.js";
import type { TemplateApiValues } from "../manifest/template-document.js";
import type { TemplateIssue } from "../manifest/template-field.js";
import { mergeTargetIssues } from "../manifest/template-targets.js";

/**
 * The template targets that wait for the API (§7), expanded once their runs are read: `run.*`
 * from the run, `process.*` and the business weekdays from `GET /processes/{id}` of the run's
 * process, read only when an expression uses them and once per process (through the client,
 * so through the shared rate limiter). A target whose run was not read (not resolved, or left
 * out by `--target`) gets no jobs: the planner reports or skips it as any other.
 */

export interface ExpandedState {
  readonly desired: DesiredState;
  /** Plan errors of the templates (`process.*` the process lacks, a bad weekday list, …). */
  readonly diagnostics: Diagnostic[];
}

type ProcessRead = ProcessSummary | { readonly problem: string };

export async function expandTemplates(
  parts: readonly ManifestPart[],
  live: LiveState,
  api: Pick<ProcessesApi, "getProcess">,
  options: { readonly timeZone: string },
): Promise<ExpandedState> {
  const processes = new Map<string, Promise<ProcessRead>>();
  const readProcess = (id: string): Promise<ProcessRead> => {
    let read = processes.get(id);
    if (read === undefined) {
      read = api.getProcess(id).catch((error: unknown): ProcessRead => {
        if (error instanceof ApiError && error.status === 404)
          return { problem: `process ${id} not found (HTTP 404)` };
        throw error;
      });
      processes.set(id, read);
    }
    return read;
  };
  const expanded = await Promise.all(
    parts.map(async (part) => {
      if (part.kind === "ready") return { manifest: part.manifest, issues: [] as TemplateIssue[] };
      return expandOne(part.pending, live, readProcess, options.timeZone);
    }),
  );
  const byDocument = new Map<
    string,
    { targetCount: number; perTarget: { label: string; issues: TemplateIssue[] }[] }
  >();
  expanded.forEach((result, index) => {
    const part = parts[index];
    if (part?.kind !== "pending" || result.issues.length === 0) return;
    const { documentKey, targetCount, label } = part.pending.manifest;
    const entry = byDocument.get(documentKey) ?? { targetCount, perTarget: [] };
    entry.perTarget.push({ label, issues: result.issues });
    byDocument.set(documentKey, entry);
  });
  const diagnostics = [...byDocument.values()].flatMap((d) => mergeTargetIssues(d.perTarget, d.targetCount));
  return { desired: { manifests: expanded.map((e) => e.manifest) }, diagnostics };
}

async function expandOne(
  loaded: LoadedPending,
  live: LiveState,
  readProcess: (id: string) => Promise<ProcessRead>,
  timeZone: string,
): Promise<{ manifest: DesiredManifest; issues: TemplateIssue[] }> {
  const pending = loaded.manifest;
  const empty: DesiredManifest = {
    target: pending.target,
    jobs: [],
    source: pending.targetSource,
    targetSource: pending.targetSource,
  };
  const resolution = live.targets.get(targetKey(pending.target));
  const run = resolution?.ok ? live.runs.get(resolution.runId) : undefined;
  if (run === undefined) return { manifest: empty, issues: [] };
  const fail = (message: string) => ({
    manifest: empty,
    issues: [{ source: pending.targetSource, message }],
  });
  const values: { process?: ProcessValues; run?: RunValues; businessDays?: readonly boolean[] } = {
    run: runValues(run, timeZone),
  };
  if (pending.needs.process.size > 0 || pending.needs.workday) {
    const processId = run.processId ?? (pending.target.type === "processId" ? pending.target.id : undefined);
    if (processId === undefined)
      return fail(
        `process run ${run.id} names no process, so process.* and workday() cannot be computed for it`,
      );
    const process = await readProcess(processId);
    if ("problem" in process)
      return fail(`${process.problem}: process.* and workday() need the run's process`);
    values.process = processValues(process);
    if (pending.needs.workday) {
      const weekdays = parseBusinessDaysOfWeek(process.businessDaysOfWeek);
      if (!weekdays.ok) return fail(`process ${process.id} (for workday()): ${weekdays.message}`);
      values.businessDays = weekdays.businessDays;
    }
  }
  const result = pending.expand(values satisfies TemplateApiValues, loaded.holidays);
  return { manifest: result.manifest ?? empty, issues: result.issues };
}

function runValues(run: LiveRun, timeZone: string): RunValues {
  const created = run.created === undefined ? undefined : dateInTimeZone(run.created, timeZone);
  return {
    id: run.id,
    ...(run.name !== undefined ? { name: run.name } : {}),
    ...(created !== undefined ? { created } : {}),
  };
}

function processValues(process: ProcessSummary): ProcessValues {
  return {
    id: process.id,
    name: process.name,
    ...(process.dueDate !== undefined ? { dueDate: process.dueDate } : {}),
    ...(process.businessStartDate !== undefined ? { businessStartDate: process.businessStartDate } : {}),
  };
}
