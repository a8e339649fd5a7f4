import type { z } from "zod";
import { didYouMean } from "./did-you-mean.js";
import { expectedWords, registeredExpectation } from "./expectations.js";
import {
  candidateOptions,
  formatPath,
  isMapping,
  kindKey,
  objectShape,
  type PathKey,
  schemaAt,
  unionOptions,
  valueAt,
} from "./schema-walk.js";
import { showValue } from "./show-value.js";

/**
 * Turns zod's issues into problems a person can act on: each with the path of the offending
 * node (`at: "key"` points at the key of the path's last step, e.g. an unknown key) and a
 * message saying what was expected and what was found. Unions are explained by the option the
 * value was meant for (`sendTask:` → the sendTask job), not by every option's failures.
 */
export interface Problem {
  readonly path: readonly PathKey[];
  readonly at: "key" | "value";
  readonly message: string;
}

export type CheckResult<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly problems: Problem[] };

/** Validates `value` with `schema`; on failure, the problems in path order. */
export function checkSchema<S extends z.ZodType>(schema: S, value: unknown): CheckResult<z.output<S>> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, problems: explainIssues(schema, value, [], result.error.issues) };
}

function problemsAt(schema: z.core.$ZodType, value: unknown, base: readonly PathKey[]): Problem[] {
  const result = (schema as z.ZodType).safeParse(value, { reportInput: true });
  return result.success ? [] : explainIssues(schema, value, base, result.error.issues);
}

function explainIssues(
  schema: z.core.$ZodType,
  value: unknown,
  base: readonly PathKey[],
  issues: readonly z.core.$ZodIssue[],
): Problem[] {
  return issues.flatMap((issue) => explainIssue(schema, value, base, issue));
}

function label(path: readonly PathKey[], message: string): string {
  return path.length === 0 ? message : `${formatPath(path)}: ${message}`;
}

function explainIssue(
  root: z.core.$ZodType,
  rootValue: unknown,
  base: readonly PathKey[],
  issue: z.core.$ZodIssue,
): Problem[] {
  const rel = issue.path as PathKey[];
  const path = [...base, ...rel];
  const raw = valueAt(rootValue, rel);
  const missing = missingKey(root, rootValue, base, rel, raw);
  if (missing) return [missing];
  switch (issue.code) {
    case "invalid_union": {
      const union = schemaAt(root, rootValue, rel, true);
      return union ? explainUnion(union, raw, path) : [generic(path, issue, raw, undefined)];
    }
    case "unrecognized_keys": {
      const known = Object.keys(objectShape(schemaAt(root, rootValue, rel) ?? root));
      return issue.keys.map((key) => ({
        path: [...path, key],
        at: "key" as const,
        message: label(path, `unknown key \`${key}\`${didYouMean(key, known)}`),
      }));
    }
    case "invalid_type":
      return [generic(path, issue, raw, schemaAt(root, rootValue, rel, true))];
    default:
      return [generic(path, issue, raw, undefined)];
  }
}

/** A required key that is absent: reported at the mapping that lacks it. */
function missingKey(
  root: z.core.$ZodType,
  rootValue: unknown,
  base: readonly PathKey[],
  rel: readonly PathKey[],
  raw: unknown,
): Problem | undefined {
  const key = rel[rel.length - 1];
  const parentPath = rel.slice(0, -1);
  const parent = valueAt(rootValue, parentPath);
  if (raw !== undefined || key === undefined || !isMapping(parent) || key in parent) return undefined;
  const expected = registeredExpectation(schemaAt(root, rootValue, rel, true));
  const fullPath = [...base, ...parentPath];
  return {
    path: fullPath,
    at: "value",
    message: label(fullPath, `missing required key \`${key}\`${expected ? ` (${expected})` : ""}`),
  };
}

/** Zod's own default messages start "Invalid input"; ours (set in the schemas) say more. */
function generic(path: PathKey[], issue: z.core.$ZodIssue, raw: unknown, schema?: z.core.$ZodType): Problem {
  const custom = !issue.message.startsWith("Invalid input") && !issue.message.startsWith("Invalid ");
  const expected = issue.code === "invalid_type" ? expectedWords(schema, issue.expected) : undefined;
  const message = custom
    ? issue.message
    : expected
      ? `expected ${expected}, got ${showValue(raw)}`
      : `${issue.message} (got ${showValue(raw)})`;
  return { path, at: "value", message: label(path, message) };
}

function explainUnion(union: z.core.$ZodType, raw: unknown, path: PathKey[]): Problem[] {
  const candidates = candidateOptions(union, raw);
  if (candidates.length === 1) {
    const problems = problemsAt(candidates[0] as z.core.$ZodType, raw, path);
    if (problems.length > 0) return problems;
  }
  const options = unionOptions(union);
  const discriminators = [...new Set(options.flatMap((o) => kindKey(o) ?? []))];
  const oneOf = discriminators.map((k) => `\`${k}\``).join(", ");
  if (!isMapping(raw) || discriminators.length === 0) {
    return [
      { path, at: "value", message: label(path, `expected ${expectedWords(union)}, got ${showValue(raw)}`) },
    ];
  }
  const present = discriminators.filter((k) => k in raw);
  if (candidates.length > 1) {
    const second = present[1] ?? present[0] ?? "";
    const found = present.map((k) => `\`${k}\``).join(" and ");
    return [
      {
        path: [...path, second],
        at: "key",
        message: label(path, `expected exactly one of ${oneOf}, found ${found}`),
      },
    ];
  }
  const known = [...new Set(options.flatMap((o) => Object.keys(objectShape(o))))];
  const unknown = Object.keys(raw).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    return unknown.map((key) => ({
      path: [...path, key],
      at: "key" as const,
      message: label(path, `unknown key \`${key}\`${didYouMean(key, known)}; expected one of ${oneOf}`),
    }));
  }
  const found =
    Object.keys(raw).length === 0
      ? "an empty mapping"
      : `only ${Object.keys(raw)
          .map((k) => `\`${k}\``)
          .join(", ")}`;
  return [{ path, at: "value", message: label(path, `expected one of ${oneOf}, found ${found}`) }];
}
