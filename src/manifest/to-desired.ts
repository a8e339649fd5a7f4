import { argFieldType, JOB_ACTIONS, type JobAction } from "../input/job-kinds.js";
import type { PathKey } from "../input/schema-walk.js";
import type { TargetSpec } from "../input/targets.js";
import { isMap } from "../input/template/values.js";
import type {
  DesiredEntry,
  DesiredGroup,
  DesiredJob,
  DesiredManifest,
  DesiredRef,
  Principal,
  SourceRef,
} from "./desired-types.js";
import { argsSchemaOf } from "./job-args-schema.js";
import type { EntryOutput, ManifestOutput } from "./manifest-schema.js";
import { evaluateField, type FieldContext, reportAtExpression } from "./template-field.js";
import { expandForEach, type WalkContext } from "./template-walk.js";

/**
 * Validated manifest data → DesiredManifest: assignee/approver shorthands expanded, triggerType
 * defaulted (by the schema), `args` exactly as written otherwise, each entry with its source.
 * The same walk evaluates a template's expressions and `forEach` for one target (§7); a
 * string without `${{` is kept as it is.
 */

export type SourceAt = (path: readonly PathKey[], at?: "key" | "value") => SourceRef;

function principal(value: unknown): Principal {
  return typeof value === "string" ? { id: value, type: "user" } : (value as Principal);
}

/** The API's `<action>Args` object: the fields written, shorthands expanded, nothing added. */
export function toArgs(action: JobAction, args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined) continue;
    out[key] = argFieldType(action, key) === "principal" ? principal(value) : value;
  }
  return out;
}

/** A validated job entry's kind and arguments: the one key of the entry that names a kind. */
function jobOf(entry: Readonly<Record<string, unknown>>): {
  action: JobAction;
  args: Readonly<Record<string, unknown>>;
} {
  for (const action of JOB_ACTIONS) {
    const args = entry[action];
    if (isRecord(args)) return { action, args };
  }
  throw new Error("a validated job entry names no job kind");
}

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A string of the manifest as text after evaluation (undefined on a problem). */
function text(ctx: FieldContext, path: readonly PathKey[], raw: string, field: string): string | undefined {
  const { value } = evaluateField(ctx, path, raw, "text", field);
  return typeof value === "string" ? value : undefined;
}

/** A target after evaluation (its names may use `vars` only). */
export function toTarget(
  target: NonNullable<ManifestOutput["target"]>,
  path: readonly PathKey[],
  ctx: FieldContext,
): TargetSpec | undefined {
  if ("processRun" in target) {
    const id = text(ctx, [...path, "processRun"], target.processRun, "processRun");
    return id === undefined ? undefined : { type: "processRun", id };
  }
  if ("id" in target.process) {
    const id = text(ctx, [...path, "process", "id"], target.process.id, "process.id");
    return id === undefined ? undefined : { type: "processId", id };
  }
  const name = text(ctx, [...path, "process", "name"], target.process.name, "process.name");
  return name === undefined ? undefined : { type: "processName", name };
}

/** One argument after evaluation, checked again by its own schema when an expression made it. */
function evaluateArg(
  ctx: WalkContext,
  action: JobAction,
  key: string,
  raw: unknown,
  path: readonly PathKey[],
  expressions: Record<string, string>,
): { ok: boolean; value: unknown } {
  const type = argFieldType(action, key);
  let value: unknown = raw;
  if (typeof raw === "string") {
    const need = type === "date" ? "date" : type === "principal" ? "any" : "text";
    const field = evaluateField(ctx, path, raw, need, key);
    if (field.expression === undefined) return { ok: true, value: raw };
    const shownAt = type === "principal" && !isMap(field.value ?? null) ? `${key}.id` : key;
    expressions[shownAt] = field.expression;
    if (field.value === undefined) return { ok: false, value: undefined };
    value = field.value;
    const checked = argsSchemaOf(action).shape[key]?.safeParse(value);
    if (checked && !checked.success) {
      reportAtExpression(
        ctx,
        path,
        raw,
        `\`${key}\`: ${checked.error.issues[0]?.message ?? "not a valid value"}`,
      );
      return { ok: false, value: undefined };
    }
  } else if (isRecord(raw)) {
    // `{ id, type }`: each string inside may be an expression.
    const out: Record<string, unknown> = {};
    let ok = true;
    for (const [name, inner] of Object.entries(raw)) {
      if (typeof inner !== "string") out[name] = inner;
      else {
        const field = evaluateField(ctx, [...path, name], inner, "text", `${key}.${name}`);
        if (field.expression !== undefined) expressions[`${key}.${name}`] = field.expression;
        if (field.value === undefined) ok = false;
        out[name] = field.value;
      }
    }
    value = out;
    return { ok, value };
  }
  return { ok: true, value };
}

function toJob(entry: EntryOutput, path: readonly PathKey[], ctx: WalkContext): DesiredJob | undefined {
  const job = jobOf(entry);
  const argsPath = [...path, job.action];
  const evaluated: Record<string, unknown> = {};
  const expressions: Record<string, string> = {};
  let ok = true;
  for (const [key, raw] of Object.entries(job.args)) {
    const arg = evaluateArg(ctx, job.action, key, raw, [...argsPath, key], expressions);
    if (!arg.ok) ok = false;
    evaluated[key] = arg.value;
  }
  const triggerRaw = "triggerType" in entry ? String(entry.triggerType) : "";
  const trigger = evaluateField(ctx, [...path, "triggerType"], triggerRaw, "text", "triggerType");
  if (trigger.expression !== undefined) expressions.triggerType = trigger.expression;
  if (!ok || typeof trigger.value !== "string") return undefined;
  const args = toArgs(job.action, evaluated);
  const place = ctx.place.join(" · ");
  const templated = place !== "" || Object.keys(expressions).length > 0;
  return {
    kind: "job",
    action: job.action,
    title: String(args.title),
    args,
    triggerType: trigger.value,
    source: ctx.sourceAt(path),
    ...(templated ? { template: { place, expressions } } : {}),
  };
}

function toRef(
  entry: { ref: { id: string } | { title: string } },
  path: readonly PathKey[],
  ctx: WalkContext,
) {
  const source = ctx.sourceAt(path);
  if ("id" in entry.ref) {
    const id = text(ctx, [...path, "ref", "id"], entry.ref.id, "ref.id");
    return id === undefined ? undefined : ({ kind: "ref", by: { id }, source } satisfies DesiredRef);
  }
  const title = text(ctx, [...path, "ref", "title"], entry.ref.title, "ref.title");
  return title === undefined ? undefined : ({ kind: "ref", by: { title }, source } satisfies DesiredRef);
}

function toGroup(
  entry: { group: string | { id: string }; jobs: readonly EntryOutput[] },
  path: readonly PathKey[],
  ctx: WalkContext,
): DesiredGroup | undefined {
  const jobs = toEntries(entry.jobs, [...path, "jobs"], ctx);
  const by =
    typeof entry.group === "string"
      ? { name: text(ctx, [...path, "group"], entry.group, "group") }
      : { id: text(ctx, [...path, "group", "id"], entry.group.id, "group.id") };
  const value = "name" in by ? by.name : by.id;
  if (value === undefined || jobs === undefined) return undefined;
  return {
    kind: "group",
    by: "name" in by ? { name: value } : { id: value },
    jobs,
    source: ctx.sourceAt(path),
  };
}

/** The entries of a `jobs:` list, `forEach` expanded in place; undefined when any has a problem. */
export function toEntries(
  entries: readonly EntryOutput[],
  path: readonly PathKey[],
  ctx: WalkContext,
): DesiredEntry[] | undefined {
  const out: DesiredEntry[] = [];
  let ok = true;
  entries.forEach((entry, index) => {
    const entryPath = [...path, index];
    let built: DesiredEntry | readonly DesiredEntry[] | undefined;
    if ("forEach" in entry) built = expandForEach(entry, entryPath, ctx, toEntries);
    else if ("ref" in entry) built = toRef(entry, entryPath, ctx);
    else if ("group" in entry) built = toGroup(entry, entryPath, ctx);
    else built = toJob(entry, entryPath, ctx);
    if (built === undefined) ok = false;
    else if (Array.isArray(built)) out.push(...built);
    else out.push(built as DesiredEntry);
  });
  if (ctx.checkIdentities) ctx.checkIdentities(out, ctx);
  return ok ? out : undefined;
}

/** One validated document (for one target of a template) → DesiredManifest, or undefined on a problem. */
export function toDesiredManifest(
  data: ManifestOutput,
  target: TargetSpec,
  targetSource: SourceRef,
  ctx: WalkContext,
): DesiredManifest | undefined {
  const name = data.metadata?.name;
  const jobs = toEntries(data.jobs, ["jobs"], ctx);
  if (jobs === undefined) return undefined;
  return {
    ...(name !== undefined ? { name } : {}),
    target,
    jobs,
    source: ctx.sourceAt(["apiVersion"], "key"),
    targetSource,
  };
}
