import { argsField, GENERATED_ACTIONS } from "./actions.js";
import { AUTO_TRIGGER, EMULATOR_USER_ID, JOB_NAME_FIELD } from "./assumptions.js";
import { CHILD_SHAPES, nestGenerated } from "./child-shapes.js";
import type { ResponseShapes, SeedNode } from "./emulator-types.js";
import type {
  ActionStamp,
  GroupRunJson,
  JobArgumentsJson,
  JobRunJson,
  ProcessGroupChildJson,
  ProcessJson,
  ProcessRunJson,
  ProcessSummaryJson,
  RunSummaryJson,
} from "./response-types.js";
import {
  type GroupNode,
  type JobNode,
  type ProcessRecord,
  type RunNode,
  type RunRecord,
  statusCounts,
} from "./store.js";

/**
 * Store nodes -> API JSON (§7), one function per resource returning its type (response-types.ts).
 * Key order is fixed by construction so output is deterministic. Children are tagged
 * `{ type: "jobRun", jobRun }` / `{ type: "groupRun", groupRun }` (§7.4's recommended shape) unless
 * `shapes` says otherwise (child-shapes.ts); `parent` is left out for children of the root group
 * (the assumptions are in assumptions.ts).
 */

export interface SerializeOptions {
  /** Leave out the generated certification job runs (`excludeGeneratedJobs=true`). */
  readonly excludeGeneratedJobs?: boolean;
  /** The child shape and the place of generated job runs (default: wrapped, siblings). */
  readonly shapes?: ResponseShapes;
}

/** An Action stamp: `{ dateTime, user }`, date-time in UTC without milliseconds. */
export function stamp(ms: number): ActionStamp {
  return { dateTime: isoSeconds(ms), user: { id: EMULATOR_USER_ID } };
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The `arguments` object of a job: `{ type, <kind>Args }`. */
export function jobArguments(action: string, args: Readonly<Record<string, unknown>>): JobArgumentsJson {
  // The conditional-approver kind has no args field (§7.6).
  if (action === "certificationConditionalApproverGenerated") return { type: action };
  return { type: action, [argsField(action)]: args };
}

/** A JobRun (§7.5). */
export function serializeJobRun(job: JobNode): JobRunJson {
  return {
    id: job.id,
    name: job.name,
    action: job.action,
    arguments: jobArguments(job.action, job.args),
    triggerType: job.triggerType,
    ordinal: job.ordinal,
    ...parentField(job),
    status: job.status,
    readOnly: GENERATED_ACTIONS.has(job.action),
    revision: job.revision,
    created: stamp(job.created),
    modified: stamp(job.modified),
  };
}

/** A GroupRun (§7.4); the root has no `ordinal`, `parent` or `triggerType`. */
export function serializeGroupRun(group: GroupNode, options: SerializeOptions = {}): GroupRunJson {
  const isRoot = group.parent === undefined;
  const kept = group.children
    .filter((c) => !(options.excludeGeneratedJobs && c.kind === "job" && GENERATED_ACTIONS.has(c.action)))
    .map((c) =>
      c.kind === "job"
        ? { kind: "job" as const, json: serializeJobRun(c) }
        : { kind: "group" as const, json: serializeGroupRun(c, options) },
    );
  const wrap = CHILD_SHAPES[options.shapes?.children ?? "wrapped"];
  const children =
    options.shapes?.certificationChildren === "nested" ? nestGenerated(kept, wrap) : kept.map(wrap);
  return {
    id: group.id,
    ...(group.name !== undefined ? { name: group.name } : {}),
    parallel: group.parallel,
    readOnly: group.readOnly,
    ...(isRoot ? {} : { triggerType: group.triggerType, ordinal: group.ordinal }),
    ...parentField(group),
    status: group.status,
    statusCounts: statusCounts(group),
    revision: group.revision,
    created: stamp(group.created),
    modified: stamp(group.modified),
    children,
  };
}

function parentField(node: RunNode): { parent?: string } {
  const parent = node.parent;
  return parent && parent.parent !== undefined ? { parent: parent.id } : {};
}

/** A ProcessRun (§7.3) with its whole tree under `root`. */
export function serializeRun(run: RunRecord, options: SerializeOptions = {}): ProcessRunJson {
  return {
    id: run.id,
    process: run.processId,
    name: run.name,
    status: run.status,
    statusCounts: statusCounts(run.root),
    revision: run.revision,
    created: stamp(run.created),
    modified: stamp(run.modified),
    root: serializeGroupRun(run.root, options),
  };
}

/** The short run summary embedded in process summaries and processes. */
export function runSummary(run: RunRecord): RunSummaryJson {
  return { id: run.id, status: run.status, created: stamp(run.created) };
}

/** The fields every process representation starts with: `{ id, name, dueDate? }`. */
function processIdentity(process: ProcessRecord): ProcessSummaryJson {
  return {
    id: process.id,
    name: process.name,
    ...(process.dueDate !== undefined ? { dueDate: process.dueDate } : {}),
  };
}

/** A ProcessSummary (list item): `{ id, name, dueDate?, run? }`. */
export function serializeProcessSummary(
  process: ProcessRecord,
  run: RunRecord | undefined,
): ProcessSummaryJson {
  return { ...processIdentity(process), ...(run ? { run: runSummary(run) } : {}) };
}

/** A Process (§7.2): its build-time `root` (from the template; empty without one) and current `run` (unless `embedRun` is false). */
export function serializeProcess(
  process: ProcessRecord,
  run: RunRecord | undefined,
  embedRun = true,
): ProcessJson {
  return {
    ...processIdentity(process),
    ...(process.businessStartDate !== undefined ? { businessStartDate: process.businessStartDate } : {}),
    ...(process.businessDaysOfWeek !== undefined ? { businessDaysOfWeek: process.businessDaysOfWeek } : {}),
    created: stamp(process.created),
    modified: stamp(process.modified),
    root: {
      parallel: process.template?.parallel ?? false,
      readOnly: false,
      children: (process.template?.children ?? []).map(serializeTemplateChild),
    },
    ...(run && embedRun ? { run: runSummary(run) } : {}),
  };
}

function serializeTemplateChild(node: SeedNode): ProcessGroupChildJson {
  if ("group" in node) {
    return {
      type: "group",
      group: {
        id: node.id,
        name: node.group,
        parallel: node.parallel ?? false,
        readOnly: node.readOnly ?? false,
        children: node.children.map(serializeTemplateChild),
      },
    };
  }
  return {
    type: "job",
    job: {
      id: node.id,
      name: jobName(node.action, node.args),
      action: node.action,
      arguments: jobArguments(node.action, node.args),
      triggerType: node.triggerType ?? AUTO_TRIGGER,
    },
  };
}

/** A job's display name: its `title`, else its kind. */
export function jobName(action: string, args: Readonly<Record<string, unknown>>): string {
  const title = args[JOB_NAME_FIELD];
  return typeof title === "string" ? title : action;
}
