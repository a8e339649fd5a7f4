import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { DiagnosticsError, UserError } from "../diagnostics/errors.js";
import { escapeRawControls } from "../diagnostics/terminal-safe.js";
import { formatPath } from "../input/schema-walk.js";
import { deepEqual } from "./drift.js";
import { planSchemaV1, upgradePlanV1 } from "./plan-file-v1.js";
import { planSchema } from "./plan-schema.js";
import { PLAN_FORMAT_VERSION, type Plan } from "./plan-types.js";
import { arrayElementOf, JsonOut, writeArraySteps, writeBySchema } from "./schema-json.js";
import { summarize } from "./summary.js";

/**
 * The saved plan file (`jobsync plan --out FILE`), read back by `apply` and `show`.
 *
 * No secrets by construction: a plan holds manifest data (job arguments, file names), live run
 * ids, names and fingerprints, never a token, client id/secret or config value.
 *
 * The file is the plan plus `digest` (right after `formatVersion`): the `sha256:` of the plan's
 * canonical JSON. A file whose content no longer matches its digest was edited or corrupted.
 */

const MAX_REPORTED_ISSUES = 20;
const REMAKE_HINT = "Make a new plan with `jobsync plan --out FILE`.";

/**
 * The plan as one line of JSON with its keys in the schema's order (the saved file's, without its
 * digest), raw control characters escaped: written by schema (schema-json.ts), with no parsed copy.
 */
export function planJsonLine(plan: Plan): string {
  const chunks: string[] = [];
  emitCompact(plan, (chunk) => chunks.push(escapeRawControls(chunk)));
  return chunks.join("");
}

/** The plan's compact JSON, keys in the schema's order, handed to `emit` in chunks. */
function emitCompact(plan: Plan, emit: (chunk: string) => void): void {
  const out = new JsonOut("", emit);
  writeBySchema(planSchema, out, plan);
  out.flush();
}

/**
 * `sha256:<hex>` of the plan's canonical JSON (keys in schema order, no whitespace): the hash is fed
 * the text in chunks as it is written (schema-json.ts), never a copy of the plan or the whole text.
 */
export function planDigest(plan: Plan): string {
  const hash = createHash("sha256");
  emitCompact(plan, (chunk) => hash.update(chunk));
  return `sha256:${hash.digest("hex")}`;
}

/**
 * The saved file (2-space JSON, keys in the schema's order, its digest right after
 * `formatVersion`, newline-terminated) handed to `emit` in chunks of about 64 KiB, in order. Pass
 * `digest` when the plan is written twice, so it is computed once.
 */
export function emitSerializedPlan(
  plan: Plan,
  emit: (chunk: string) => void,
  digest: string = planDigest(plan),
): void {
  const steps = serializedPlanSteps(plan, emit, digest);
  while (!steps.next().done);
}

/**
 * `emitSerializedPlan` as steps: it pauses after each process run, everything before handed to
 * `emit`, so a writer can wait there for a full stream to drain (a pipe is written
 * asynchronously: without waiting, the whole text would pile up in memory).
 */
export function* serializedPlanSteps(
  plan: Plan,
  emit: (chunk: string) => void,
  digest: string = planDigest(plan),
): Generator<void, void, undefined> {
  // escapeRawControls: the file is printed by `plan --format json`; the digest is of the values, unchanged.
  const out = new JsonOut("  ", (chunk) => emit(escapeRawControls(chunk)));
  out.write(
    `{\n  "formatVersion": ${JSON.stringify(plan.formatVersion)},\n  "digest": ${JSON.stringify(digest)}`,
  );
  const { formatVersion: _, ...rest } = planSchema.shape;
  for (const [key, field] of Object.entries(rest)) {
    const value = (plan as unknown as Record<string, unknown>)[key];
    if (value === undefined) continue;
    out.write(`,\n  ${JSON.stringify(key)}: `);
    const element = arrayElementOf(field);
    if (element === undefined || !Array.isArray(value)) writeBySchema(field, out, value, "  ");
    else
      for (const _ of writeArraySteps(element, out, value, "  ")) {
        out.flush();
        yield;
      }
  }
  out.write("\n}\n");
  out.flush();
}

/** The saved file's text (`emitSerializedPlan`, joined). */
export function serializePlan(plan: Plan): string {
  const chunks: string[] = [];
  emitSerializedPlan(plan, (chunk) => chunks.push(chunk));
  return chunks.join("");
}

/** A saved plan as read: the plan, the format it was written in, and whether its digest holds. */
export interface SavedPlan {
  readonly plan: Plan;
  /** 1: read for `show` only (no digest, nothing a fresh apply can check against). */
  readonly formatVersion: 1 | typeof PLAN_FORMAT_VERSION;
  /** The digest matches the content (always false for format 1, which has none). */
  readonly intact: boolean;
}

/** A zod issue's path as `processRuns[0].fingerprint`, or `(top level)`. */
function issuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return formatPath(path.map((key) => (typeof key === "symbol" ? String(key) : key)));
}

function checkFormatVersion(value: unknown, file: string): 1 | typeof PLAN_FORMAT_VERSION {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UserError(`${file} is not a jobsync plan (expected a JSON object)`, REMAKE_HINT);
  }
  const version = "formatVersion" in value ? value.formatVersion : undefined;
  if (version === PLAN_FORMAT_VERSION || version === 1) return version;
  if (version === undefined) {
    throw new UserError(`${file} is not a jobsync plan (it has no formatVersion)`, REMAKE_HINT);
  }
  if (typeof version === "number" && version > PLAN_FORMAT_VERSION) {
    throw new UserError(
      `${file} was made by a newer jobsync (plan format ${version}; this jobsync reads format ${PLAN_FORMAT_VERSION})`,
      `Upgrade jobsync, or ${REMAKE_HINT.charAt(0).toLowerCase()}${REMAKE_HINT.slice(1)}`,
    );
  }
  throw new UserError(
    `${file} was made by an older jobsync (plan format ${JSON.stringify(version)}; this jobsync reads format ${PLAN_FORMAT_VERSION})`,
    REMAKE_HINT,
  );
}

function malformed(file: string, issues: readonly z.core.$ZodIssue[]): DiagnosticsError {
  const diagnostics: Diagnostic[] = issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => ({
    severity: "error",
    file,
    message: `malformed plan: ${issuePath(issue.path)}: ${issue.message}`,
  }));
  if (issues.length > MAX_REPORTED_ISSUES) {
    diagnostics.push({
      severity: "error",
      file,
      message: `… and ${issues.length - MAX_REPORTED_ISSUES} more`,
    });
  }
  return new DiagnosticsError(diagnostics);
}

function checkSummary(plan: Plan, summary: unknown, file: string): void {
  const expected: Record<string, number> = { ...summarize(plan.processRuns) };
  if (typeof summary === "object" && summary !== null && !("duplicates" in summary))
    delete expected.duplicates;
  if (deepEqual(summary, expected)) return;
  throw new DiagnosticsError([
    {
      severity: "error",
      file,
      message: "malformed plan: summary does not match its process runs (was the file edited?)",
    },
  ]);
}

/**
 * Reads a saved plan of any format this jobsync knows, for `show`. Throws UserError for a file
 * that is not JSON or has an unknown format version, DiagnosticsError (one line per problem, with
 * the JSON path) for a malformed plan. An edited file reads with `intact: false`.
 */
export function readSavedPlan(text: string, file: string): SavedPlan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new UserError(`${file} is not a jobsync plan: not valid JSON (${reason})`, REMAKE_HINT);
  }
  const version = checkFormatVersion(value, file);
  if (version === 1) {
    const parsed = planSchemaV1.safeParse(value);
    if (!parsed.success) throw malformed(file, parsed.error.issues);
    const plan = upgradePlanV1(parsed.data);
    checkSummary(plan, parsed.data.summary, file);
    return { plan, formatVersion: 1, intact: false };
  }
  const parsed = planSchema.safeParse(value);
  if (!parsed.success) throw malformed(file, parsed.error.issues);
  const plan: Plan = parsed.data;
  checkSummary(plan, plan.summary, file);
  const digest = typeof value === "object" && value !== null && "digest" in value ? value.digest : undefined;
  return { plan, formatVersion: version, intact: digest === planDigest(plan) };
}

/**
 * Reads a saved plan for `apply`: only the current format, only intact. Throws UserError for an
 * older format ("re-plan") or a file whose content does not match its digest (edited or corrupted).
 */
export function parsePlan(text: string, file: string): Plan {
  const saved = readSavedPlan(text, file);
  if (saved.formatVersion !== PLAN_FORMAT_VERSION) {
    throw new UserError(
      `${file} was made by an older jobsync (plan format ${saved.formatVersion}); it can be shown but not applied`,
      REMAKE_HINT,
    );
  }
  if (!saved.intact) {
    throw new UserError(
      `${file} was changed after jobsync wrote it: its content does not match its digest`,
      `Plans are applied only as they were reviewed. ${REMAKE_HINT}`,
    );
  }
  return saved.plan;
}
