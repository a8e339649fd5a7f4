import { argFieldType, JOB_ACTIONS, type JobAction } from "../input/job-kinds.js";
import type { PathKey } from "../input/schema-walk.js";
import type { DesiredEntry, DesiredManifest, Principal, SourceRef, TargetSpec } from "./desired-types.js";
import type { EntryOutput, ManifestOutput } from "./manifest-schema.js";

/**
 * Validated manifest data → DesiredManifest: assignee/approver shorthands expanded, triggerType
 * defaulted (by the schema), `args` exactly as written otherwise, each entry with its source.
 */

export type SourceAt = (path: readonly PathKey[], at?: "key" | "value") => SourceRef;

function principal(value: unknown): Principal {
  return typeof value === "string" ? { id: value, type: "user" } : (value as Principal);
}

/** The API's `<action>Args` object: the fields written, shorthands expanded, nothing added. */
export function toArgs(action: JobAction, args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined) continue;
    out[key] = argFieldType(action, key) === "principal" ? principal(value) : value;
  }
  return out;
}

/** A validated job entry's kind and arguments: the one key of the entry that names a kind. */
function jobOf(entry: Readonly<Record<string, unknown>>): {
  action: JobAction;
  args: Readonly<Record<string, unknown>>;
} {
  for (const action of JOB_ACTIONS) {
    const args = entry[action];
    if (isRecord(args)) return { action, args };
  }
  throw new Error("a validated job entry names no job kind");
}

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function toTarget(target: ManifestOutput["target"]): TargetSpec {
  if ("processRun" in target) return { type: "processRun", id: target.processRun };
  return "id" in target.process
    ? { type: "processId", id: target.process.id }
    : { type: "processName", name: target.process.name };
}

function toEntry(entry: EntryOutput, path: readonly PathKey[], sourceAt: SourceAt): DesiredEntry {
  const source = sourceAt(path);
  if ("ref" in entry) return { kind: "ref", by: { ...entry.ref }, source };
  if ("group" in entry) {
    return {
      kind: "group",
      by: typeof entry.group === "string" ? { name: entry.group } : { id: entry.group.id },
      jobs: toEntries(entry.jobs, [...path, "jobs"], sourceAt),
      source,
    };
  }
  const job = jobOf(entry);
  const args = toArgs(job.action, job.args);
  return {
    kind: "job",
    action: job.action,
    title: String(args.title),
    args,
    triggerType: entry.triggerType,
    source,
  };
}

function toEntries(
  entries: readonly EntryOutput[],
  path: readonly PathKey[],
  sourceAt: SourceAt,
): DesiredEntry[] {
  return entries.map((entry, index) => toEntry(entry, [...path, index], sourceAt));
}

/** One validated document → DesiredManifest. */
export function toDesiredManifest(data: ManifestOutput, sourceAt: SourceAt): DesiredManifest {
  const name = data.metadata?.name;
  return {
    ...(name !== undefined ? { name } : {}),
    target: toTarget(data.target),
    jobs: toEntries(data.jobs, ["jobs"], sourceAt),
    source: sourceAt(["apiVersion"], "key"),
    targetSource: sourceAt(["target"], "key"),
  };
}
