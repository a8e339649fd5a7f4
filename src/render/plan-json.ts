/**
 * The plan as JSON (`--format json` and the saved plan file): the Plan object itself, 2-space
 * indented, ending in a newline, with a stable key order (formatVersion, summary, processRuns, and
 * the order of the Plan types within). Keys this version does not know are kept, after the known ones.
 */
import type { Plan } from "../plan/plan-types.js";

type Json = Readonly<Record<string, unknown>>;

/** Key orders of the Plan's object types, from `plan-types.ts`. */
const PLAN_KEYS = ["formatVersion", "summary", "processRuns"];
const SUMMARY_KEYS = ["create", "requests", "processRuns", "inSync", "drift", "outOfOrder", "unmanaged"];
const RUN_KEYS = ["id", "name", "fingerprint", "manifests", "insertions", "drift", "outOfOrder", "unmanaged"];
const MANIFEST_KEYS = ["file", "name"];
const INSERTION_KEYS = ["parentGroupId", "relativeSiblingId", "before", "jobs", "explain"];
const JOB_KEYS = ["action", "arguments", "triggerType", "source"];
const ARGUMENTS_KEYS = ["type"];
const SOURCE_KEYS = ["file", "line"];
const EXPLAIN_KEYS = ["where", "sibling", "group", "groupPath", "part"];
const NODE_KEYS = ["kind", "id", "label"];
const PART_KEYS = ["index", "of"];
const DRIFT_KEYS = ["jobRunId", "action", "title", "groupPath", "changes", "source"];
const CHANGE_KEYS = ["field", "manifest", "live"];
const OUT_OF_ORDER_KEYS = ["node", "groupPath", "source"];

/** A copy of `value` with `keys` first (in that order), then its other keys as they were. */
function ordered(
  value: unknown,
  keys: readonly string[],
  children: Record<string, (v: unknown) => unknown> = {},
) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const source = value as Json;
  const result: Record<string, unknown> = {};
  const rest = Object.keys(source).filter((k) => !keys.includes(k));
  for (const key of [...keys, ...rest]) {
    if (!(key in source)) continue;
    const child = children[key];
    result[key] = child ? child(source[key]) : source[key];
  }
  return result;
}

function each(fn: (v: unknown) => unknown): (v: unknown) => unknown {
  return (v) => (Array.isArray(v) ? v.map(fn) : v);
}

const source = (v: unknown) => ordered(v, SOURCE_KEYS);
const node = (v: unknown) => ordered(v, NODE_KEYS);

const job = (v: unknown) => ordered(v, JOB_KEYS, { arguments: (a) => ordered(a, ARGUMENTS_KEYS), source });

const insertion = (v: unknown) =>
  ordered(v, INSERTION_KEYS, {
    jobs: each(job),
    explain: (e) =>
      ordered(e, EXPLAIN_KEYS, { sibling: node, group: node, part: (p) => ordered(p, PART_KEYS) }),
  });

const run = (v: unknown) =>
  ordered(v, RUN_KEYS, {
    manifests: each((m) => ordered(m, MANIFEST_KEYS)),
    insertions: each(insertion),
    drift: each((d) => ordered(d, DRIFT_KEYS, { changes: each((c) => ordered(c, CHANGE_KEYS)), source })),
    outOfOrder: each((o) => ordered(o, OUT_OF_ORDER_KEYS, { node, source })),
  });

/** The plan as stable, 2-space-indented JSON plus "\n": the saved plan file's exact content. */
export function renderPlanJson(plan: Plan): string {
  const stable = ordered(plan, PLAN_KEYS, {
    summary: (s) => ordered(s, SUMMARY_KEYS),
    processRuns: each(run),
  });
  return `${JSON.stringify(stable, null, 2)}\n`;
}
