import type { LiveGroupRun, LiveJobRun } from "../api/live-types.js";
import { safeJson } from "../diagnostics/terminal-safe.js";
import { isJobAction, JOB_KINDS, type JobAction, jobIdentity } from "../input/job-kinds.js";
import { missingRequired, requiredFieldText } from "../manifest/job-args-schema.js";
import { DEFAULT_TRIGGER_TYPE } from "../manifest/manifest-schema.js";
import { countManageableJobs } from "../plan/group-index.js";
import { type ManifestArgs, toManifestArgs } from "./manifest-args.js";

/**
 * A live group's children -> the manifest entries that reproduce them, as plain data
 * (rendered to YAML by run-to-manifest.ts). Decisions, per live child:
 * - generated certification job runs: left out (they come with their certification);
 * - read-only (certification-generated) groups: left out when they hold only generated job runs,
 *   else listed like any group (the planner counts their other job runs as unmanaged otherwise);
 * - a job run of a creatable kind (`input/job-kinds.ts`) with a title, first of its identity
 *   (action + title) in its group: a job;
 * - any other job run (unknown action, empty title, blank trigger type, later duplicate, or
 *   without a field a manifest requires of its kind, contract §11): a `ref: { id }` anchor;
 * - a group: `group: <name>`, or `group: { id }` when its name is empty or repeats among siblings.
 */

export type ImportEntry = ImportJob | ImportRef | ImportGroup;

export interface ImportJob {
  readonly kind: "job";
  readonly action: JobAction;
  readonly args: ManifestArgs;
  /** Set only when not `whenEligible` (the manifest default). */
  readonly triggerType?: string;
}

export interface ImportRef {
  readonly kind: "ref";
  readonly id: string;
  /** Why this job run is an anchor and not a job (becomes a comment). */
  readonly reason: string;
  /** Live fields a manifest could not hold (comment lines after the reason). */
  readonly notes?: readonly string[];
}

export interface ImportGroup {
  readonly kind: "group";
  readonly by: { readonly name: string } | { readonly id: string };
  /** Why the group is named by id (becomes a comment). */
  readonly reason?: string;
  readonly entries: readonly ImportEntry[];
}

/** Counts for the command's summary line. */
export interface ImportStats {
  jobs: number;
  anchors: number;
  groups: number;
  /** Generated certification job runs left out. */
  generated: number;
  /** Read-only groups left out (they held only generated job runs). */
  readOnlyGroups: number;
}

export function emptyStats(): ImportStats {
  return { jobs: 0, anchors: 0, groups: 0, generated: 0, readOnlyGroups: 0 };
}

/** The entries reproducing `group`'s children, in live order; `stats` is updated. */
export function importEntries(group: LiveGroupRun, stats: ImportStats = emptyStats()): ImportEntry[] {
  const groupNameCounts = countBy(
    group.children.filter((c): c is LiveGroupRun => c.kind === "group"),
    (g) => g.name,
  );
  const seenIdentities = new Set<string>();
  const entries: ImportEntry[] = [];
  for (const child of group.children) {
    const entry =
      child.kind === "group"
        ? importGroup(child, groupNameCounts, stats)
        : importJob(child, seenIdentities, stats);
    if (entry) entries.push(entry);
  }
  return entries;
}

function importGroup(
  group: LiveGroupRun,
  nameCounts: ReadonlyMap<string, number>,
  stats: ImportStats,
): ImportGroup | undefined {
  if (group.readOnly === true && countManageableJobs(group) === 0) {
    stats.readOnlyGroups += 1;
    return undefined;
  }
  stats.groups += 1;
  const entries = importEntries(group, stats);
  if (group.name === "") {
    return { kind: "group", by: { id: group.id }, reason: "group run without a name: named by id", entries };
  }
  if ((nameCounts.get(group.name) ?? 0) > 1) {
    const reason = `${safeJson(group.name)}: several sibling groups have this name, so named by id`;
    return { kind: "group", by: { id: group.id }, reason, entries };
  }
  return { kind: "group", by: { name: group.name }, entries };
}

function importJob(
  job: LiveJobRun,
  seenIdentities: Set<string>,
  stats: ImportStats,
): ImportJob | ImportRef | undefined {
  if (job.generated) {
    stats.generated += 1;
    return undefined;
  }
  const anchor = (reason: string): ImportRef => {
    stats.anchors += 1;
    return { kind: "ref", id: job.id, reason };
  };
  if (!isJobAction(job.action)) {
    return anchor(
      `job run ${safeJson(job.title)} has action ${safeJson(job.action)}, which a manifest cannot create: kept as an anchor`,
    );
  }
  if (job.title.trim() === "") {
    return anchor(`${job.action} job run without a title cannot be matched by identity: kept as an anchor`);
  }
  const identity = jobIdentity(job.action, job.title);
  if (seenIdentities.has(identity)) {
    return anchor(`duplicate of ${safeJson(job.title)}: kept as an anchor`);
  }
  // The planner matches a manifest job to the first live job run of its identity, so this one
  // holds the identity even when it becomes an anchor: later namesakes are anchors too.
  seenIdentities.add(identity);
  if (job.triggerType !== undefined && job.triggerType.trim() === "") {
    return anchor(
      `${job.action} job run ${safeJson(job.title)} has a blank triggerType, which a manifest cannot hold: kept as an anchor`,
    );
  }
  const args = toManifestArgs(job.action, job.title, job.args);
  const missing = missingRequired(JOB_KINDS[job.action].required, Object.fromEntries(args.fields));
  if (missing.length > 0) {
    const fields = missing.map((names) => requiredFieldText(names).replace(/^an? /, "")).join(" and no ");
    const reason = `${job.action} job run ${safeJson(job.title)} has no ${fields} a manifest can hold (a manifest needs it to create the job): kept as an anchor`;
    return { ...anchor(reason), notes: args.notes };
  }
  stats.jobs += 1;
  const triggerType =
    job.triggerType !== undefined && job.triggerType !== DEFAULT_TRIGGER_TYPE ? job.triggerType : undefined;
  return triggerType === undefined
    ? { kind: "job", action: job.action, args }
    : { kind: "job", action: job.action, args, triggerType };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
