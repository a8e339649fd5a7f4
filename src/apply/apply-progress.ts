import type { ApplyEvent } from "./apply-types.js";

/**
 * What apply has done so far, as a fold over the events it emits: the live progress line and a
 * second Ctrl-C's "known so far" read it, and the apply result (apply-result.ts) takes its
 * created job runs and request count from it, so the three can never disagree.
 */

export interface ApplyProgress {
  /** Insertions planned, and finished (done or failed). */
  readonly total: number;
  readonly done: number;
  /** Process runs to verify, and verified (or failed to verify). */
  readonly runs: number;
  readonly verified: number;
  /** Job runs that exist so far (created or adopted), and POSTs sent. */
  readonly created: number;
  readonly requests: number;
  /** The insertion started last. */
  readonly current?: { readonly runId: string; readonly index: number; readonly of: number };
  /** Per run, per insertion index: the ids and titles of its job runs that exist. */
  readonly createdByRun: ReadonlyMap<string, ReadonlyMap<number, CreatedPart>>;
  /** Insertions started and not finished, as `run insertion i/n`, in start order. */
  readonly inFlight: readonly string[];
}

export interface CreatedPart {
  readonly ids: readonly string[];
  readonly titles: readonly string[];
}

export interface ProgressFold {
  add(event: ApplyEvent): void;
  progress(): ApplyProgress;
}

export function createProgressFold(): ProgressFold {
  const counts = { total: 0, done: 0, runs: 0, verified: 0, created: 0, requests: 0 };
  let current: ApplyProgress["current"];
  const createdByRun = new Map<string, Map<number, CreatedPart>>();
  const startTitles = new Map<string, readonly string[]>();
  const flying = new Map<string, string>();
  const key = (runId: string, index: number) => `${runId}\u0000${index}`;
  const record = (runId: string, index: number, part: CreatedPart) => {
    if (part.ids.length === 0) return;
    const byIndex = createdByRun.get(runId) ?? new Map<number, CreatedPart>();
    counts.created += part.ids.length - (byIndex.get(index)?.ids.length ?? 0);
    byIndex.set(index, part);
    createdByRun.set(runId, byIndex);
  };
  return {
    add(e) {
      switch (e.type) {
        case "apply-start":
          counts.total = e.insertions;
          counts.runs = e.runs;
          return;
        case "insertion-start":
          startTitles.set(key(e.runId, e.index), e.titles);
          flying.set(key(e.runId, e.index), `${e.runId} insertion ${e.index}/${e.of}`);
          current = { runId: e.runId, index: e.index, of: e.of };
          return;
        case "insertion-done":
        case "insertion-failed": {
          const k = key(e.runId, e.index);
          flying.delete(k);
          counts.done += 1;
          counts.requests += e.requests;
          const titles = e.type === "insertion-done" ? (startTitles.get(k) ?? []) : e.createdTitles;
          record(e.runId, e.index, { ids: e.createdIds, titles });
          return;
        }
        case "verified":
        case "verify-failed":
          counts.verified += 1;
          return;
        default:
          return;
      }
    },
    progress() {
      return { ...counts, ...(current ? { current } : {}), createdByRun, inFlight: [...flying.values()] };
    },
  };
}

/** The job runs that exist so far, per run, each run's parts in insertion order. */
export function createdSoFar(
  progress: ApplyProgress,
): { readonly runId: string; readonly jobRunIds: string[]; readonly titles: string[] }[] {
  return [...progress.createdByRun].map(([runId, byIndex]) => {
    const parts = [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, p]) => p);
    return { runId, jobRunIds: parts.flatMap((p) => p.ids), titles: parts.flatMap((p) => p.titles) };
  });
}
