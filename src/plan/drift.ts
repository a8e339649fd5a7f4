import type { LiveJobRun } from "../api/live-types.js";
import type { DesiredJob } from "../manifest/desired-types.js";
import type { FieldChange } from "./plan-types.js";

/**
 * Drift: fields a matched job's manifest sets that differ from the live job run.
 * Fields the manifest does not set are not drift; `title` is the identity, never drift.
 */

/** Deep equality of JSON-like values; object keys compared regardless of order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let leftCount = 0;
  for (const key in left) {
    if (left[key] === undefined) continue;
    leftCount += 1;
    if (!Object.hasOwn(right, key) || !deepEqual(left[key], right[key])) return false;
  }
  let rightCount = 0;
  for (const key in right) if (right[key] !== undefined) rightCount += 1;
  return leftCount === rightCount;
}

/** The field changes of a matched job, in manifest field order, `triggerType` last. */
export function diffJob(desired: DesiredJob, live: LiveJobRun): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field in desired.args) {
    const manifest = desired.args[field];
    if (field === "title" || manifest === undefined) continue;
    const liveValue = live.args[field];
    if (!deepEqual(manifest, liveValue)) changes.push({ field, manifest, live: liveValue });
  }
  if (live.triggerType !== undefined && live.triggerType !== desired.triggerType) {
    changes.push({ field: "triggerType", manifest: desired.triggerType, live: live.triggerType });
  }
  return changes;
}
