/**
 * Each manifest target (template targets too, §7: their targets are known before the API is
 * read) resolved as plan resolves it (`resolve-targets.ts`, one process read each), its run read,
 * and every node of the run's tree classified (`run-shape.ts`): per kind counts, every unknown
 * node listed (a fail), and the run parsed whole as plan would (`parse-run.ts`).
 */

import pLimit from "p-limit";
import { ResponseShapeError } from "../api/api-schema.js";
import type { TargetResolution } from "../api/live-types.js";
import { parseProcessRun } from "../api/parse-run.js";
import type { ProbeClient } from "../api/probe-client.js";
import { resolveTarget } from "../api/resolve-targets.js";
import { inspectRunShape } from "../api/run-shape.js";
import { ApiError } from "../diagnostics/errors.js";
import { describeTarget, type TargetSpec, targetKey } from "../input/targets.js";
import type { ManifestPart } from "../manifest/load-manifests.js";
import { errorWords } from "./error-words.js";
import type { TargetReport } from "./report-types.js";

interface Wanted {
  readonly target: TargetSpec;
  readonly source: string;
  manifests: number;
}

/** The distinct targets of the manifests, in manifest order. */
export function targetsOf(parts: readonly ManifestPart[]): Wanted[] {
  const byKey = new Map<string, Wanted>();
  for (const part of parts) {
    const target = part.kind === "ready" ? part.manifest.target : part.pending.manifest.target;
    const source = part.kind === "ready" ? part.manifest.targetSource : part.pending.manifest.targetSource;
    const key = targetKey(target);
    const known = byKey.get(key);
    if (known) known.manifests++;
    else byKey.set(key, { target, source: `${source.file}:${source.line}`, manifests: 1 });
  }
  return [...byKey.values()];
}

/** Targets that cannot be checked: each skipped with the reason. */
export function skippedTargets(parts: readonly ManifestPart[], reason: string): TargetReport[] {
  return targetsOf(parts).map((w) => ({
    target: describeTarget(w.target),
    source: w.source,
    manifests: w.manifests,
    status: "skipped",
    detail: reason,
    unknownNodes: [],
  }));
}

export async function checkTargets(
  probe: ProbeClient,
  parts: readonly ManifestPart[],
  parallelism: number,
): Promise<TargetReport[]> {
  const wanted = targetsOf(parts);
  const limit = pLimit(Math.max(1, parallelism));
  // As read-live.ts: name lookups outside the limit (they wait for one shared list read), then flush.
  const resolutions = wanted.map((w) => {
    const resolve = () => resolveTarget(w.target, probe.processes);
    const read = w.target.type === "processName" ? resolve() : limit(resolve);
    read.catch(() => undefined);
    return read;
  });
  probe.processes.flush();
  // Each run once, whichever targets resolve to it.
  const reads = new Map<string, Promise<unknown>>();
  const readRun = (runId: string) => {
    let read = reads.get(runId);
    if (!read) {
      read = limit(() => probe.readRunBody(runId));
      reads.set(runId, read);
    }
    return read;
  };
  return Promise.all(wanted.map((w, i) => checkOne(w, resolutions[i] as Promise<TargetResolution>, readRun)));
}

async function checkOne(
  w: Wanted,
  resolving: Promise<TargetResolution>,
  readRun: (runId: string) => Promise<unknown>,
): Promise<TargetReport> {
  const base = { target: describeTarget(w.target), source: w.source, manifests: w.manifests };
  let runId: string;
  try {
    const resolution = await resolving;
    if (!resolution.ok) return { ...base, status: "fail", detail: resolution.message, unknownNodes: [] };
    runId = resolution.runId;
  } catch (error) {
    return { ...base, status: "fail", detail: `not resolved: ${errorWords(error)}`, unknownNodes: [] };
  }
  let body: unknown;
  try {
    body = await readRun(runId);
  } catch (error) {
    const detail =
      error instanceof ApiError && error.status === 404
        ? `process run ${runId} not found (HTTP 404)`
        : `run ${runId} not read: ${errorWords(error)}`;
    return { ...base, runId, status: "fail", detail, unknownNodes: [] };
  }
  const shape = inspectRunShape(body);
  const { jobs, groups, generated, unknown } = shape.counts;
  const counts = `${jobs} job ${jobs === 1 ? "run" : "runs"}, ${groups} ${groups === 1 ? "group" : "groups"}, ${generated} generated, ${unknown} unknown`;
  let parseProblem: string | undefined;
  let status: string | undefined;
  try {
    status = parseProcessRun(body).status;
  } catch (error) {
    parseProblem = error instanceof ResponseShapeError ? error.message : errorWords(error);
  }
  const report = { ...base, runId, nodes: shape.counts, unknownNodes: shape.unknown };
  if (unknown > 0) {
    return {
      ...report,
      status: "fail",
      detail: `run ${runId}: ${counts}; jobsync cannot plan this run until it understands every node`,
    };
  }
  if (parseProblem !== undefined) {
    return { ...report, status: "fail", detail: `run ${runId}: ${counts}; not understood: ${parseProblem}` };
  }
  return {
    ...report,
    status: "ok",
    detail: `run ${runId}${status ? ` (${status})` : ""}: ${counts}`,
  };
}
