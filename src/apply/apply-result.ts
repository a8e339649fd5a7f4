import type { Plan } from "../plan/plan-types.js";
import { createdSoFar, createProgressFold } from "./apply-progress.js";
import type { ApplyEvent, ApplyResult, FailedInsertion, NotAttempted } from "./apply-types.js";
import { itemTitle } from "./reconcile.js";
import type { RunVerification } from "./verify-run.js";

/**
 * The apply result as a fold over the events apply emits (and the plan, for the titles of
 * insertions never attempted): the summary can only say what the stream said. What exists and
 * how many requests were sent come from the progress fold the live progress line reads.
 */

export interface ResultBuilder {
  add(event: ApplyEvent): void;
  result(): ApplyResult;
}

export function createResultBuilder(plan: Plan): ResultBuilder {
  const progress = createProgressFold();
  const failed: FailedInsertion[] = [];
  const notAttempted: NotAttempted[] = [];
  const verified: RunVerification[] = [];
  const unverifiedRuns: { runId: string; message: string }[] = [];
  const startTitles = new Map<string, readonly string[]>();
  let interrupted = false;
  let planned = { jobs: 0, requests: 0, runs: 0 };
  const key = (runId: string, index: number) => `${runId}\u0000${index}`;
  const planTitles = (runId: string, index: number): string[] =>
    (plan.processRuns.find((r) => r.id === runId)?.insertions[index - 1]?.jobs ?? []).map(itemTitle);

  return {
    add(e) {
      progress.add(e);
      switch (e.type) {
        case "apply-start":
          planned = { jobs: e.jobs, requests: e.insertions, runs: e.runs };
          return;
        case "insertion-start":
          startTitles.set(key(e.runId, e.index), e.titles);
          return;
        case "insertion-failed": {
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
      const sofar = progress.progress();
      const byRun = new Map(createdSoFar(sofar).map((c) => [c.runId, c]));
      const createdList = plan.processRuns.flatMap((r) => byRun.get(r.id) ?? []);
      return {
        created: createdList,
        createdCount: sofar.created,
        requests: sofar.requests,
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
