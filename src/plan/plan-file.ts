import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { DiagnosticsError, UserError } from "../diagnostics/errors.js";
import { formatPath } from "../input/schema-walk.js";
import { deepEqual } from "./drift.js";
import { planSchema } from "./plan-schema.js";
import { PLAN_FORMAT_VERSION, type Plan } from "./plan-types.js";
import { summarize } from "./summary.js";

/**
 * The saved plan file (`jobsync plan --out FILE`), read back by `apply` and `show`.
 *
 * No secrets by construction: a plan holds manifest data (job arguments, file names), live run
 * ids, names and fingerprints, never a token, client id/secret or config value.
 */

const MAX_REPORTED_ISSUES = 20;
const REMAKE_HINT = "Make a new plan with `jobsync plan --out FILE`.";

/** A copy of the plan with its keys in the schema's order (the saved file's key order). */
export function orderPlanKeys(plan: Plan): Plan {
  return planSchema.parse(plan);
}

/** The plan as the saved file: 2-space JSON, keys in the schema's order, newline-terminated. */
export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(orderPlanKeys(plan), null, 2)}\n`;
}

/** A zod issue's path as `processRuns[0].fingerprint`, or `(top level)`. */
function issuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return formatPath(path.map((key) => (typeof key === "symbol" ? String(key) : key)));
}

function checkFormatVersion(value: unknown, file: string): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UserError(`${file} is not a jobsync plan (expected a JSON object)`, REMAKE_HINT);
  }
  const version = "formatVersion" in value ? value.formatVersion : undefined;
  if (version === PLAN_FORMAT_VERSION) return;
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

/**
 * Reads a saved plan. Throws UserError for a file that is not JSON or has another format version,
 * DiagnosticsError (one line per problem, with the JSON path) for a malformed plan.
 */
export function parsePlan(text: string, file: string): Plan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new UserError(`${file} is not a jobsync plan: not valid JSON (${reason})`, REMAKE_HINT);
  }
  checkFormatVersion(value, file);
  const parsed = planSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues;
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
    throw new DiagnosticsError(diagnostics);
  }
  const plan: Plan = parsed.data;
  if (!deepEqual(plan.summary, summarize(plan.processRuns))) {
    throw new DiagnosticsError([
      {
        severity: "error",
        file,
        message: "malformed plan: summary does not match its process runs (was the file edited?)",
      },
    ]);
  }
  return plan;
}
