import type { z } from "zod";
import { safeJson } from "../diagnostics/terminal-safe.js";
import { argFieldType, type JobAction } from "../input/job-kinds.js";
import { argsSchemaOf } from "../manifest/job-args-schema.js";

/**
 * Live `<action>Args` -> the arguments a manifest may hold for that kind (contract §2).
 * Each field is checked against the manifest's own zod schema for that kind, so an imported
 * manifest always validates: fields the schema does not know, or values it would reject, are
 * left out with a note (which becomes a YAML comment).
 */

/** A principal as a manifest writes it: a bare user id (shorthand) or `{ id, type }`. */
export type ManifestArgValue = string | { readonly id: string; readonly type: string };

export interface ManifestArgs {
  /** `title` first, then the other fields alphabetically. */
  readonly fields: readonly (readonly [string, ManifestArgValue])[];
  /** Why live fields were left out, one line each, in field order. */
  readonly notes: readonly string[];
}

/** Builds the manifest arguments of a job from its live title and `<action>Args`. */
export function toManifestArgs(
  action: JobAction,
  title: string,
  liveArgs: Readonly<Record<string, unknown>>,
): ManifestArgs {
  const shape = argsSchemaOf(action).shape;
  const fields: [string, ManifestArgValue][] = [["title", title]];
  const notes: string[] = [];
  const unknown: string[] = [];
  for (const name of Object.keys(liveArgs).sort()) {
    const value = liveArgs[name];
    if (name === "title" || value === null || value === undefined) continue;
    const fieldSchema = Object.hasOwn(shape, name) ? shape[name] : undefined;
    if (fieldSchema === undefined) {
      unknown.push(name);
      continue;
    }
    const converted = convertField(argFieldType(action, name) === "principal", value, fieldSchema);
    if ("value" in converted) fields.push([name, converted.value]);
    else notes.push(`${name} ${preview(value)} left out: ${converted.problem}`);
  }
  if (unknown.length > 0) notes.push(`left out (not manifest fields of ${action}): ${unknown.join(", ")}`);
  return { fields, notes };
}

type Converted = { readonly value: ManifestArgValue } | { readonly problem: string };

/** One live field as the manifest writes it, if the manifest schema accepts it. */
function convertField(isPrincipal: boolean, value: unknown, fieldSchema: z.ZodType): Converted {
  const candidate = isPrincipal ? toPrincipal(value) : { value };
  if ("problem" in candidate) return candidate;
  const checked = fieldSchema.safeParse(candidate.value);
  if (!checked.success) {
    return {
      problem: isPrincipal
        ? "not { id, type: user | group }"
        : (checked.error.issues[0]?.message ?? "invalid"),
    };
  }
  return isArgValue(candidate.value) ? { value: candidate.value } : { problem: "not a manifest value" };
}

/**
 * `{ id, type: "user" }` -> the bare id (shorthand); `{ id, type }` -> as is. Anything else
 * cannot be written so that the planner, which compares values exactly, sees no drift.
 */
function toPrincipal(value: unknown): { readonly value: unknown } | { readonly problem: string } {
  if (typeof value === "string") {
    return { problem: "a bare id, but a manifest's bare id stands for { id, type: user }" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { value };
  const { id, type } = value as { id?: unknown; type?: unknown };
  const extra = Object.keys(value).filter((k) => k !== "id" && k !== "type");
  if (extra.length > 0) return { problem: `has fields a manifest cannot hold (${extra.join(", ")})` };
  return { value: type === "user" && typeof id === "string" ? id : { id, type } };
}

function isArgValue(value: unknown): value is ManifestArgValue {
  if (typeof value === "string") return true;
  if (typeof value !== "object" || value === null) return false;
  const { id, type } = value as { id?: unknown; type?: unknown };
  return typeof id === "string" && typeof type === "string" && Object.keys(value).length === 2;
}

function preview(value: unknown): string {
  const text = safeJson(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
