import type { PathKey } from "../input/schema-walk.js";
import {
  type DesiredEntry,
  type DesiredManifest,
  JOB_ACTIONS,
  type JobAction,
  type Principal,
  type SourceRef,
  type TargetSpec,
} from "./desired-types.js";
import { PRINCIPAL_FIELDS } from "./job-args-schema.js";
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
export function toArgs(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined) continue;
    out[key] = PRINCIPAL_FIELDS.has(key) ? principal(value) : value;
  }
  return out;
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
  const action = JOB_ACTIONS.find((a) => a in entry) as JobAction;
  const args = toArgs((entry as unknown as Record<JobAction, Record<string, unknown>>)[action]);
  return {
    kind: "job",
    action,
    title: args.title as string,
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
