import { GENERATED_ACTIONS } from "./actions.js";
import {
  BAD_PLACEMENT_STATUS,
  BEFORE_BY_DEFAULT,
  CLOSED_RUN_STATUS,
  CLOSED_RUN_STATUSES,
  NEW_STATUS,
  NOT_A_GROUP_STATUS,
  READ_ONLY_GROUP_STATUS,
  UNKNOWN_PARENT_STATUS,
} from "./assumptions.js";
import { HttpProblem } from "./http-response.js";
import { jobName } from "./serialize.js";
import { startNewJobs } from "./status.js";
import {
  bumpRevisions,
  type EmulatorStore,
  type GroupNode,
  type JobNode,
  type RunRecord,
  renumber,
} from "./store.js";
import type { ValidJobItem } from "./validate-job-items.js";

/**
 * Where `POST /processRuns/{id}/jobRuns` puts its job runs (§9): choose the parent group P and the
 * index, validating everything first (`choosePlacement` changes nothing), then insert the job runs
 * contiguously in request order (`insertJobRuns`). The statuses the docs leave open are in
 * assumptions.ts (§9).
 */

export interface PlacementQuery {
  readonly parentGroupId?: string | undefined;
  readonly relativeSiblingId?: string | undefined;
  /** The raw query value; `true`/`false` (any case), default true. */
  readonly before?: string | undefined;
}

export interface Placement {
  readonly parent: GroupNode;
  readonly index: number;
}

/** Validates the query against the run's tree and returns P and the index; throws HttpProblem. */
export function choosePlacement(run: RunRecord, query: PlacementQuery): Placement {
  if (CLOSED_RUN_STATUSES.has(run.status)) {
    throw new HttpProblem(
      CLOSED_RUN_STATUS,
      `Process run ${run.id} is ${run.status}; job runs can only be added to a running process run.`,
    );
  }
  const before = parseBefore(query.before);
  const parentGroupId = query.parentGroupId || undefined;
  const siblingId = query.relativeSiblingId || undefined;
  const sibling = siblingId === undefined ? undefined : run.nodes.get(siblingId);
  if (siblingId !== undefined && !sibling) {
    throw new HttpProblem(404, `Could not find job run or group run ${siblingId} in process run ${run.id}.`, {
      target: "relativeSiblingId",
    });
  }

  let parent: GroupNode;
  if (parentGroupId !== undefined) {
    const node = run.nodes.get(parentGroupId);
    if (!node) {
      throw new HttpProblem(
        UNKNOWN_PARENT_STATUS,
        `Could not find group run ${parentGroupId} in process run ${run.id}.`,
        {
          target: "parentGroupId",
        },
      );
    }
    if (node.kind !== "group") {
      throw new HttpProblem(
        NOT_A_GROUP_STATUS,
        `parentGroupId ${parentGroupId} names a job run, not a group run.`,
        {
          target: "parentGroupId",
        },
      );
    }
    parent = node;
  } else if (sibling) {
    if (!sibling.parent) {
      throw new HttpProblem(
        NOT_A_GROUP_STATUS,
        `relativeSiblingId ${sibling.id} is the root group run, which has no siblings.`,
        {
          target: "relativeSiblingId",
        },
      );
    }
    parent = sibling.parent;
  } else {
    parent = run.root;
  }

  if (parent.readOnly) {
    throw new HttpProblem(
      READ_ONLY_GROUP_STATUS,
      `Group run ${parent.id} is read-only; job runs cannot be added to it.`,
      {
        target: parentGroupId !== undefined ? "parentGroupId" : "relativeSiblingId",
      },
    );
  }
  if (!sibling) return { parent, index: parent.children.length };
  if (sibling.parent !== parent) {
    throw new HttpProblem(
      BAD_PLACEMENT_STATUS,
      `relativeSiblingId ${sibling.id} is not a direct child of group run ${parent.id} (parentGroupId).`,
      { target: "relativeSiblingId" },
    );
  }
  const position = parent.children.indexOf(sibling);
  return { parent, index: before ? position : afterGeneratedFollowers(parent, position) };
}

/**
 * The index right after the sibling at `position` and, when it is a job run, after the generated
 * certification job runs that follow it (they belong to it: served nested, they are its children).
 */
function afterGeneratedFollowers(parent: GroupNode, position: number): number {
  let index = position + 1;
  if (parent.children[position]?.kind !== "job") return index;
  while (true) {
    const next = parent.children[index];
    if (next?.kind !== "job" || !GENERATED_ACTIONS.has(next.action)) return index;
    index++;
  }
}

function parseBefore(value: string | undefined): boolean {
  if (value === undefined || value === "") return BEFORE_BY_DEFAULT;
  const lower = value.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  throw new HttpProblem(
    BAD_PLACEMENT_STATUS,
    `before must be "true" or "false", got ${JSON.stringify(value)}.`,
    {
      target: "before",
    },
  );
}

/**
 * Inserts the items at the placement, contiguously and in order; renumbers ordinals, bumps revisions
 * up to the run, and starts the eligible new job runs. Returns the new job runs in request order.
 */
export function insertJobRuns(
  store: EmulatorStore,
  run: RunRecord,
  placement: Placement,
  items: readonly ValidJobItem[],
): JobNode[] {
  const at = store.now();
  const { parent, index } = placement;
  const jobs: JobNode[] = items.map((item) => ({
    kind: "job",
    id: store.newId("jr"),
    name: jobName(item.action, item.args),
    action: item.action,
    args: item.args,
    triggerType: item.triggerType,
    status: NEW_STATUS,
    revision: 1,
    created: at,
    modified: at,
    ordinal: 0,
    parent,
  }));
  parent.children.splice(index, 0, ...jobs);
  for (const job of jobs) run.nodes.set(job.id, job);
  renumber(parent);
  bumpRevisions(run, parent, at);
  startNewJobs(jobs);
  return jobs;
}
