import type { LiveGroupRun, LiveRun } from "../api/live-types.js";
import { compareByPlace, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { DesiredEntry, DesiredManifest } from "../manifest/desired-types.js";
import { longestIncreasingSubsequence } from "./anchors.js";
import { desiredDigest } from "./desired-digest.js";
import { diffJob } from "./drift.js";
import { countManageableJobs, indexGroup, nodeLabelText } from "./group-index.js";
import { findDuplicates } from "./live-duplicates.js";
import { type EntryMatch, matchEntries, type RunMatchState } from "./match.js";
import { toOutline } from "./outline.js";
import { placeMissing, type Slot } from "./place.js";
import type { Drift, Duplicate, Insertion, OutOfOrder, RunPlan } from "./plan-types.js";
import { markStartsAtOnce } from "./starts-at-once.js";

/** What planning one manifest against its live run produced. */
export interface RunPlanResult {
  readonly runPlan: RunPlan;
  /** Plan errors, sorted by line and column. The run plan must not be used when there are any. */
  readonly diagnostics: Diagnostic[];
}

interface Accumulator {
  readonly file: string;
  readonly maxJobsPerRequest: number;
  readonly state: RunMatchState;
  readonly diagnostics: Diagnostic[];
  readonly insertions: Insertion[];
  readonly drift: Drift[];
  readonly outOfOrder: OutOfOrder[];
  readonly duplicates: Duplicate[];
}

function describeGroup(groupPath: readonly string[]): string {
  return groupPath.length === 0 ? "the root group" : `group "${groupPath.join(" / ")}"`;
}

/** Splits matches into anchors (longest run agreeing with live order) and out-of-order entries. */
function anchorMask(matches: readonly EntryMatch[]): boolean[] {
  const matchedAt: number[] = [];
  const positions: number[] = [];
  matches.forEach((m, i) => {
    if (m.kind === "matched") {
      matchedAt.push(i);
      positions.push(m.position);
    }
  });
  const keep = longestIncreasingSubsequence(positions);
  const mask = new Array<boolean>(matches.length).fill(false);
  matchedAt.forEach((at, k) => {
    mask[at] = keep[k]!;
  });
  return mask;
}

function planGroup(
  entries: readonly DesiredEntry[],
  group: LiveGroupRun,
  groupPath: readonly string[],
  acc: Accumulator,
): void {
  const isRoot = groupPath.length === 0;
  const where = describeGroup(groupPath);
  const index = indexGroup(group);
  const { matches, diagnostics } = matchEntries(entries, index, { file: acc.file, where, run: acc.state });
  for (const d of diagnostics) acc.diagnostics.push(d);
  for (const duplicate of findDuplicates(entries, index, groupPath, acc.file)) acc.duplicates.push(duplicate);

  const isAnchor = anchorMask(matches);
  const slots: Slot[] = [];
  matches.forEach((m, i) => {
    if (m.kind === "missing") {
      slots.push({ kind: "missing", job: m.entry });
      return;
    }
    if (m.kind !== "matched") return;
    const source = () => ({ file: acc.file, line: m.entry.source.line });
    if (m.entry.kind === "job" && m.node.kind === "job") {
      const changes = diffJob(m.entry, m.node);
      if (changes.length > 0) {
        const { id, action, title } = m.node;
        acc.drift.push({ jobRunId: id, action, title, groupPath, changes, source: source() });
      }
    }
    if (isAnchor[i]) slots.push({ kind: "anchor", node: m.node });
    else {
      acc.outOfOrder.push({
        node: { kind: m.node.kind, id: m.node.id, label: nodeLabelText(m.node) },
        groupPath,
        source: source(),
      });
    }
  });

  const placed = placeMissing(slots, { group, isRoot, groupPath, maxJobsPerRequest: acc.maxJobsPerRequest });
  const insertions = markStartsAtOnce(placed, group, index.positionById);
  if (insertions.length > 0 && group.readOnly) {
    const first = matches.find((m) => m.kind === "missing")!.entry.source;
    acc.diagnostics.push({
      severity: "error",
      file: acc.file,
      line: first.line,
      col: first.col,
      message: `${where} is read-only; job runs cannot be added to it`,
    });
  }
  for (const insertion of insertions) acc.insertions.push(insertion);

  for (const m of matches) {
    if (m.kind === "matched" && m.entry.kind === "group" && m.node.kind === "group") {
      planGroup(m.entry.jobs, m.node, [...groupPath, m.node.name], acc);
    }
  }
}

/**
 * Plans one manifest against its live run: matching, drift, anchors, placement, recursing into
 * matched groups. Insertions come group by group (a parent's before its child groups'); they
 * are independent because every position names an existing node.
 */
export function planRun(manifest: DesiredManifest, run: LiveRun, maxJobsPerRequest: number): RunPlanResult {
  const acc: Accumulator = {
    file: manifest.source.file,
    maxJobsPerRequest,
    state: { managedJobIds: new Set() },
    diagnostics: [],
    insertions: [],
    drift: [],
    outOfOrder: [],
    duplicates: [],
  };
  planGroup(manifest.jobs, run.root, [], acc);
  const manifestRef =
    manifest.name === undefined ? { file: acc.file } : { file: acc.file, name: manifest.name };
  const runPlan: RunPlan = {
    id: run.id,
    ...(run.name === undefined ? {} : { name: run.name }),
    ...(run.status === undefined ? {} : { status: run.status }),
    fingerprint: run.fingerprint,
    desired: desiredDigest(manifest),
    manifests: [manifestRef],
    insertions: acc.insertions,
    drift: acc.drift,
    outOfOrder: acc.outOfOrder,
    unmanaged: countManageableJobs(run.root) - acc.state.managedJobIds.size,
    duplicates: acc.duplicates,
    outline: toOutline(run.root, acc.state.managedJobIds),
  };
  return { runPlan, diagnostics: acc.diagnostics.sort(compareByPlace) };
}
