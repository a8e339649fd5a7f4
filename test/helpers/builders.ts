/**
 * Concise builders for DesiredState and LiveState in tests.
 *
 * Live:    liveRun({ id: "run-1", children: [job("Kickoff"), group("Approvals", [job("Sign")])] })
 * Desired: desired(manifest({ target: "run-1", jobs: [wantRef({ title: "Kickoff" }), wantJob("Review")] }))
 *
 * Default ids are derived from titles/names (`job-Kickoff`, `grp-Approvals`); pass `id` when a
 * tree holds the same title twice. Fingerprints are trivial (`fp-<run id>`).
 * Manifest entries without an explicit `line` get consecutive lines in walk order, starting at 6.
 */

import { expect } from "vitest";
import type {
  LiveGroupRun,
  LiveJobRun,
  LiveNode,
  LiveRun,
  LiveState,
  TargetResolution,
} from "../../src/api/live-types.js";
import { targetKey } from "../../src/input/targets.js";
import type {
  DesiredEntry,
  DesiredGroup,
  DesiredJob,
  DesiredManifest,
  DesiredRef,
  DesiredState,
  JobAction,
  SourceRef,
  TargetSpec,
} from "../../src/manifest/desired-types.js";
import type { Insertion, RunPlan } from "../../src/plan/plan-types.js";
import { planChanges } from "../../src/plan/planner.js";

// ---------- live ----------

export interface LiveJobOptions {
  id?: string;
  action?: string;
  args?: Record<string, unknown>;
  triggerType?: string;
  status?: string;
  generated?: boolean;
}

/** A live job run; `args` always includes `title`. */
export function job(title: string, options: LiveJobOptions = {}): LiveJobRun {
  return {
    kind: "job",
    id: options.id ?? `job-${title}`,
    action: options.action ?? "sendTask",
    title,
    args: { title, ...options.args },
    ...(options.triggerType === undefined ? {} : { triggerType: options.triggerType }),
    ...(options.status === undefined ? {} : { status: options.status }),
    generated: options.generated ?? false,
  };
}

/** A live group run. */
export function group(
  name: string,
  children: readonly LiveNode[] = [],
  options: { id?: string; readOnly?: boolean; parallel?: boolean; status?: string } = {},
): LiveGroupRun {
  return {
    kind: "group",
    id: options.id ?? `grp-${name}`,
    name,
    ...(options.readOnly === undefined ? {} : { readOnly: options.readOnly }),
    ...(options.parallel === undefined ? {} : { parallel: options.parallel }),
    ...(options.status === undefined ? {} : { status: options.status }),
    children,
  };
}

/** A live process run; its root group is `root-<id>`. */
export function liveRun(options: {
  id: string;
  children?: readonly LiveNode[];
  name?: string;
  status?: string;
  processId?: string;
  /** The root group's status and parallel flag (default: none). */
  root?: { status?: string; parallel?: boolean };
}): LiveRun {
  return {
    id: options.id,
    ...(options.processId === undefined ? {} : { processId: options.processId }),
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.status === undefined ? {} : { status: options.status }),
    root: {
      kind: "group",
      id: `root-${options.id}`,
      name: "",
      ...options.root,
      children: options.children ?? [],
    },
    fingerprint: `fp-${options.id}`,
  };
}

/**
 * A LiveState. Unless `targets` is given, every run is the resolution of `processRun:<id>`;
 * extra `targets` entries are added to (or override) those.
 */
export function liveState(
  runs: readonly LiveRun[],
  targets: Record<string, TargetResolution> = {},
): LiveState {
  const resolved = new Map<string, TargetResolution>(
    runs.map((r) => [`processRun:${r.id}`, { ok: true, runId: r.id }]),
  );
  for (const [key, value] of Object.entries(targets)) resolved.set(key, value);
  return { runs: new Map(runs.map((r) => [r.id, r])), targets: resolved };
}

// ---------- desired ----------

const UNSET_LINE = -1;
const unset = (file = ""): SourceRef => ({ file, line: UNSET_LINE, col: 5 });
const at = (line: number | undefined): SourceRef => ({ file: "", line: line ?? UNSET_LINE, col: 5 });

/** A desired job (default action sendTask, triggerType whenEligible); `args` always includes `title`. */
export function wantJob(
  title: string,
  options: { action?: JobAction; args?: Record<string, unknown>; triggerType?: string; line?: number } = {},
): DesiredJob {
  return {
    kind: "job",
    action: options.action ?? "sendTask",
    title,
    args: { title, ...options.args },
    triggerType: options.triggerType ?? "whenEligible",
    source: at(options.line),
  };
}

/** A desired ref by id or title. */
export function wantRef(by: { id: string } | { title: string }, options: { line?: number } = {}): DesiredRef {
  return { kind: "ref", by, source: at(options.line) };
}

/** A desired group entry, by name (a string) or `{ id }`. */
export function wantGroup(
  by: string | { id: string },
  jobs: readonly DesiredEntry[],
  options: { line?: number } = {},
): DesiredGroup {
  return { kind: "group", by: typeof by === "string" ? { name: by } : by, jobs, source: at(options.line) };
}

/** Stamps file and lines (consecutive in walk order where not set) onto entries. */
function stamp(entries: readonly DesiredEntry[], file: string, next: { line: number }): DesiredEntry[] {
  return entries.map((entry) => {
    const line = entry.source.line === UNSET_LINE ? next.line++ : entry.source.line;
    const source = { ...entry.source, file, line };
    if (entry.kind === "group") return { ...entry, source, jobs: stamp(entry.jobs, file, next) };
    return { ...entry, source };
  });
}

/** A manifest; `target` is a run id (processRun target) or a TargetSpec. */
export function manifest(options: {
  target: string | TargetSpec;
  jobs: readonly DesiredEntry[];
  file?: string;
  name?: string;
  targetLine?: number;
}): DesiredManifest {
  const file = options.file ?? "manifests/test.yaml";
  const target: TargetSpec =
    typeof options.target === "string" ? { type: "processRun", id: options.target } : options.target;
  return {
    ...(options.name === undefined ? {} : { name: options.name }),
    target,
    jobs: stamp(options.jobs, file, { line: 6 }),
    source: { ...unset(file), line: 1, col: 1 },
    targetSource: { file, line: options.targetLine ?? 4, col: 1 },
  };
}

/** A DesiredState of the given manifests. */
export function desired(...manifests: DesiredManifest[]): DesiredState {
  return { manifests };
}

/** The LiveState key of a target, re-exported for tests that build resolutions by hand. */
/** A user reference, as an assignee or approver in job arguments. */
export const user = (id: string) => ({ id, type: "user" }) as const;

// ---------- planning ----------

/** The plan of `jobs` for the one live run `run` (expecting no diagnostics). */
export function planRun(run: LiveRun, jobs: readonly DesiredEntry[], maxJobsPerRequest = 100): RunPlan {
  const result = planChanges(desired(manifest({ target: run.id, jobs })), liveState([run]), {
    maxJobsPerRequest,
  });
  expect(result.diagnostics).toEqual([]);
  return result.plan.processRuns[0]!;
}

export { targetKey };

// ---------- plan ----------

/**
 * A planned insertion of one `sendTask` job titled `title`, in the root group: at its end unless
 * `sibling` (with `before`) is given; `part` as for a split run (part `part` of 2).
 */
export function plannedInsertion(
  title: string,
  at: { sibling?: string | null; before?: boolean | null; part?: number } = {},
): Insertion {
  return {
    parentGroupId: null,
    relativeSiblingId: at.sibling ?? null,
    before: at.before ?? null,
    jobs: [
      {
        action: "sendTask",
        arguments: { type: "sendTask", sendTaskArgs: { title } },
        triggerType: "whenEligible",
        source: { file: "m.yaml", line: 1 },
        startsAtOnce: false,
      },
    ],
    explain: {
      where: "end",
      group: { kind: "group", id: "root", label: "" },
      groupPath: [],
      ...(at.part === undefined ? {} : { part: { index: at.part, of: 2 } }),
    },
  };
}
