import type { LiveGroupRun, LiveNode } from "../api/live-types.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { JobIdentityMap } from "../input/job-kinds.js";
import type {
  DesiredEntry,
  DesiredGroup,
  DesiredJob,
  DesiredRef,
  SourceRef,
} from "../manifest/desired-types.js";
import type { GroupIndex } from "./group-index.js";

/** How one manifest entry of a group relates to the live group. */
export type EntryMatch =
  /** A job with no live counterpart: to be created. */
  | { readonly kind: "missing"; readonly entry: DesiredJob }
  /** A job, ref or group found among the live group's direct children. */
  | {
      readonly kind: "matched";
      readonly entry: DesiredEntry;
      readonly node: LiveNode;
      /** Index among the live group's children. */
      readonly position: number;
    }
  /**
   * A ref or group that could not be resolved, or any entry naming a live node an earlier entry
   * of the same group already names (a plan error was reported).
   */
  | { readonly kind: "unresolved"; readonly entry: DesiredEntry };

/** State shared by every group of one process run. */
export interface RunMatchState {
  /** Ids of live job runs some entry (job or ref) matched, for the unmanaged count. */
  readonly managedJobIds: Set<string>;
}

export interface MatchContext {
  readonly file: string;
  /** The group in words for messages: `the root group` or `group "Approvals"`. */
  readonly where: string;
  readonly run: RunMatchState;
}

const MAX_LISTED_GROUPS = 5;

function error(source: SourceRef, file: string, message: string): Diagnostic {
  return { severity: "error", file, line: source.line, col: source.col, message };
}

/** An entry as written: `ref { id: g10 }`, `group "Grp"`, `sendTask "Review"`. */
function describeEntry(entry: DesiredEntry): string {
  switch (entry.kind) {
    case "job":
      return `${entry.action} "${entry.title}"`;
    case "ref":
      return "id" in entry.by ? `ref { id: ${entry.by.id} }` : `ref { title: "${entry.by.title}" }`;
    case "group":
      return "id" in entry.by ? `group { id: ${entry.by.id} }` : `group "${entry.by.name}"`;
  }
}

const ENTRY_KIND_TEXT = { job: "job", ref: "ref", group: "group entry" } as const;

/** The plan error for a second entry of one group that resolves to the live node `first` resolved to. */
function sameNodeMessage(entry: DesiredEntry, first: DesiredEntry, node: LiveNode): string {
  const nodeText = node.kind === "job" ? `job run "${node.title}"` : `group "${node.name}"`;
  return (
    `${describeEntry(entry)} names the same ${node.kind} run as the ${ENTRY_KIND_TEXT[first.kind]} ` +
    `at line ${first.source.line} (${nodeText}); each live job run or group run may appear once in a group's jobs`
  );
}

function existingGroupNames(index: GroupIndex): string {
  const names = [...index.groupsByName.keys()];
  if (names.length === 0) return "it has no group runs";
  const shown = names.slice(0, MAX_LISTED_GROUPS).map((n) => `"${n}"`);
  const more = names.length > MAX_LISTED_GROUPS ? ` and ${names.length - MAX_LISTED_GROUPS} more` : "";
  return `existing group runs: ${shown.join(", ")}${more}`;
}

/**
 * Matches the entries of one manifest `jobs:` list against the direct children of its live group.
 * A job takes the first not yet matched live job run with the same action and title; refs and
 * groups resolve by id or by title/name, and a title/name with several candidates is a plan error.
 * Two entries that resolve to one live node (whatever their kinds and keys) are a plan error at
 * the later one, which is then left unresolved: validation only sees equal keys, not equal nodes.
 * Runs in O(entries) over the index's maps.
 */
export function matchEntries(
  entries: readonly DesiredEntry[],
  index: GroupIndex,
  ctx: MatchContext,
): { matches: EntryMatch[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  /** Per identity: how many live job runs of that identity are already taken. */
  const takenByIdentity = new JobIdentityMap<number>();
  /** The entry that first resolved to each live node of this group, by node id. */
  const claimedBy = new Map<string, DesiredEntry>();
  const unresolved = (entry: DesiredEntry, message: string): EntryMatch => {
    diagnostics.push(error(entry.source, ctx.file, message));
    return { kind: "unresolved", entry };
  };
  const matched = (entry: DesiredEntry, node: LiveNode): EntryMatch => {
    const first = claimedBy.get(node.id);
    if (first) return unresolved(entry, sameNodeMessage(entry, first, node));
    claimedBy.set(node.id, entry);
    if (node.kind === "job") ctx.run.managedJobIds.add(node.id);
    return { kind: "matched", entry, node, position: index.positionById.get(node.id) ?? -1 };
  };

  const matchJob = (entry: DesiredJob): EntryMatch => {
    const candidates = index.jobsByIdentity.get(entry.action, entry.title);
    if (!candidates) return { kind: "missing", entry };
    const next = takenByIdentity.get(entry.action, entry.title) ?? 0;
    const node = candidates[next];
    if (!node) return { kind: "missing", entry };
    takenByIdentity.set(entry.action, entry.title, next + 1);
    return matched(entry, node);
  };

  const matchRef = (entry: DesiredRef): EntryMatch => {
    if ("id" in entry.by) {
      const node = index.nodeById.get(entry.by.id);
      if (node) return matched(entry, node);
      const generated = index.positionById.has(entry.by.id);
      return unresolved(
        entry,
        generated
          ? `ref id "${entry.by.id}" is a generated job run in ${ctx.where}; refer to a job run or group run instead`
          : `ref id "${entry.by.id}" is not a direct child of ${ctx.where}`,
      );
    }
    const title = entry.by.title;
    const candidates = index.nodesByTitle.get(title) ?? [];
    if (candidates.length === 1) return matched(entry, candidates[0]!);
    if (candidates.length === 0) return unresolved(entry, `ref title "${title}" not found in ${ctx.where}`);
    return unresolved(
      entry,
      `ref title "${title}" matches ${candidates.length} runs in ${ctx.where}; use ref: { id }`,
    );
  };

  const matchGroup = (entry: DesiredGroup): EntryMatch => {
    let group: LiveGroupRun;
    if ("id" in entry.by) {
      const node = index.nodeById.get(entry.by.id);
      if (!node) return unresolved(entry, `group id "${entry.by.id}" is not a direct child of ${ctx.where}`);
      if (node.kind !== "group") {
        return unresolved(
          entry,
          `group id "${entry.by.id}" names a job run, not a group run, in ${ctx.where}`,
        );
      }
      group = node;
    } else {
      const name = entry.by.name;
      const candidates = index.groupsByName.get(name) ?? [];
      if (candidates.length === 0) {
        return unresolved(
          entry,
          `group "${name}" not found in ${ctx.where} (${existingGroupNames(index)}); groups cannot be created, create it in Workiva first`,
        );
      }
      if (candidates.length > 1) {
        return unresolved(
          entry,
          `group "${name}" matches ${candidates.length} group runs in ${ctx.where}; use group: { id }`,
        );
      }
      group = candidates[0]!;
    }
    return matched(entry, group);
  };

  const matches = entries.map((entry): EntryMatch => {
    if (entry.kind === "job") return matchJob(entry);
    if (entry.kind === "ref") return matchRef(entry);
    return matchGroup(entry);
  });
  return { matches, diagnostics };
}
