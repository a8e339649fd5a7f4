import type { LiveGroupRun, LiveNode } from "../api/live-types.js";
import type { Insertion } from "./plan-types.js";

/** Job and group statuses after which a serial group moves on to the next sibling. */
export const FINISHED_NODE_STATUSES: ReadonlySet<string> = new Set([
  "complete",
  "cancelled",
  "canceled",
  "skipped",
  "failed",
]);

function finished(node: LiveNode): boolean {
  return node.status !== undefined && FINISHED_NODE_STATUSES.has(node.status);
}

/** Index among the live group's children where the insertion's jobs will stand. */
function liveIndex(
  insertion: Insertion,
  group: LiveGroupRun,
  positionById: ReadonlyMap<string, number>,
): number {
  if (insertion.relativeSiblingId === null) return group.children.length;
  const at = positionById.get(insertion.relativeSiblingId) ?? group.children.length;
  return insertion.before ? at : at + 1;
}

/**
 * Sets `startsAtOnce` on the new jobs of one group (contract §8, §12): a job starts as soon as it is
 * created when its group is running, its trigger is `whenEligible`, and the group is parallel or
 * every earlier sibling is finished. In a serial group only the first new job (in the group's
 * final order) can, since every later one has an unfinished new job before it.
 * `insertions` are one group's, as placement returned them (their positions increase with manifest order).
 */
export function markStartsAtOnce(
  insertions: readonly Insertion[],
  group: LiveGroupRun,
  positionById: ReadonlyMap<string, number>,
): Insertion[] {
  const running = group.status === "running";
  const parallel = group.parallel === true;
  let first: { index: number; part: number; job: Insertion["jobs"][number] } | undefined;
  if (running && !parallel) {
    for (const insertion of insertions) {
      const index = liveIndex(insertion, group, positionById);
      // The parts of a split run share a position; part 1 stands first whatever order they are sent in.
      const part = insertion.explain.part?.index ?? 1;
      if (!first || index < first.index || (index === first.index && part < first.part)) {
        first = { index, part, job: insertion.jobs[0]! };
      }
    }
  }
  const firstCanStart =
    first !== undefined && group.children.slice(0, first.index).every(finished) ? first.job : undefined;
  return insertions.map((insertion) => ({
    ...insertion,
    jobs: insertion.jobs.map((job) => ({
      ...job,
      startsAtOnce: running && job.triggerType === "whenEligible" && (parallel || job === firstCanStart),
    })),
  }));
}
