import type { Plan } from "../plan/plan-types.js";
import type { ApplyEvent, ApplyResult, FailedInsertion, NotAttempted } from "./apply-types.js";
import { itemTitle } from "./reconcile.js";
import type { RunVerification } from "./verify-run.js";

/**
 * The apply result as a fold over the events apply emits (and the plan, for the titles of
 * insertions never attempted): the summary can only say what the stream said.
 */

export interface ResultBuilder {
  add(event: ApplyEvent): void;
  result(): ApplyResult;
}

export function createResultBuilder(plan: Plan): ResultBuilder {
  /** Per run, per insertion index: what exists of it (listed in plan order, whatever finished first). */
  const created = new Map<string, Map<number, { ids: readonly string[]; titles: readonly string[] }>>();
  const failed: FailedInsertion[] = [];
  const notAttempted: NotAttempted[] = [];
  const verified: RunVerification[] = [];
  const unverifiedRuns: { runId: string; message: string }[] = [];
  const startTitles = new Map<string, readonly string[]>();
  let requests = 0;
  let interrupted = false;
  let planned = { jobs: 0, requests: 0, runs: 0 };
  const key = (runId: string, index: number) => `${runId}\u0000${index}`;
  const record = (runId: string, index: number, ids: readonly string[], titles: readonly string[]) => {
    if (ids.length === 0) return;
    const byIndex = created.get(runId) ?? new Map();
    byIndex.set(index, { ids, titles });
    created.set(runId, byIndex);
  };
  const planTitles = (runId: string, index: number): string[] =>
    (plan.processRuns.find((r) => r.id === runId)?.insertions[index - 1]?.jobs ?? []).map(itemTitle);

  return {
    add(e) {
      switch (e.type) {
        case "apply-start":
          planned = { jobs: e.jobs, requests: e.insertions, runs: e.runs };
          return;
        case "insertion-start":
          startTitles.set(key(e.runId, e.index), e.titles);
          return;
        case "insertion-done":
          requests += e.requests;
          record(e.runId, e.index, e.createdIds, startTitles.get(key(e.runId, e.index)) ?? []);
          return;
        case "insertion-failed": {
          requests += e.requests;
          record(e.runId, e.index, e.createdIds, e.createdTitles);
          const { runId, index, of, status, message, outcome, entries } = e;
          const titles = startTitles.get(key(runId, index)) ?? planTitles(runId, index);
          failed.push({
            runId,
            index,
            of,
            titles,
            ...(status === undefined ? {} : { status }),
            ...(entries === undefined ? {} : { entries }),
            message,
            outcome,
          });
          return;
        }
        case "run-skipped":
          for (const index of e.indexes) {
            const of = plan.processRuns.find((r) => r.id === e.runId)?.insertions.length ?? index;
            notAttempted.push({
              runId: e.runId,
              index,
              of,
              titles: planTitles(e.runId, index),
              reason: e.reason,
            });
          }
          return;
        case "interrupted":
          interrupted = true;
          return;
        case "verified": {
          const { type: _type, ...verification } = e;
          verified.push(verification);
          return;
        }
        case "verify-failed":
          unverifiedRuns.push({ runId: e.runId, message: e.message });
          return;
        default:
          return;
      }
    },
    result() {
      const createdList = plan.processRuns
        .filter((r) => created.has(r.id))
        .map((r) => {
          const parts = [...(created.get(r.id) ?? new Map()).entries()].sort(([a], [b]) => a - b);
          const jobRunIds = parts.flatMap(([, p]) => p.ids);
          return { runId: r.id, jobRunIds, titles: parts.flatMap(([, p]) => p.titles) };
        });
      return {
        created: createdList,
        createdCount: createdList.reduce((n, c) => n + c.jobRunIds.length, 0),
        requests,
        failed,
        notAttempted,
        interrupted,
        planned,
        verified,
        unverifiedRuns,
        olderDuplicates: plan.processRuns.flatMap((run) =>
          run.duplicates.map((d) => ({
            runId: run.id,
            action: d.action,
            title: d.title,
            jobRunIds: d.jobRunIds,
            source: { file: d.source.file, line: d.source.line },
          })),
        ),
      };
    },
  };
}
