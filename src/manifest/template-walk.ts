import { jobIdentity } from "../input/job-kinds.js";
import type { PathKey } from "../input/schema-walk.js";
import { DEFAULT_LOOP_NAME, loopNameProblem } from "../input/template/scope.js";
import type { PathExpr, TemplateValue } from "../input/template/template-types.js";
import { isList, isTemplateValue } from "../input/template/values.js";
import type { DesiredEntry, SourceRef } from "./desired-types.js";
import type { EntryOutput } from "./manifest-schema.js";
import { evaluateField, type FieldContext, parsedTemplate } from "./template-field.js";

/**
 * The template parts of the walk over one target's entries (§7): `forEach` expanded in place,
 * in list order, each item under its `as` name; and two expanded entries with one identity in a
 * group reported with both sources.
 */

export interface WalkContext extends FieldContext {
  readonly sourceAt: (path: readonly PathKey[], at?: "key" | "value") => SourceRef;
  /** `target 2`, `entities[1]`: where the walk is, for each job's place. */
  readonly place: readonly string[];
  /** The enclosing `forEach` names, outermost first. */
  readonly loopNames: readonly string[];
  /** Set for templates: checks each expanded list (plain manifests are checked on the raw YAML). */
  readonly checkIdentities?: (entries: readonly DesiredEntry[], ctx: WalkContext) => void;
}

type ForEachEntry = Extract<EntryOutput, { forEach: unknown }>;
type EntriesOf = (
  entries: readonly EntryOutput[],
  path: readonly PathKey[],
  ctx: WalkContext,
) => DesiredEntry[] | undefined;

/** What a `forEach` item is called in places: the list's last field (`entities`), or the `as` name. */
function listLabel(ctx: FieldContext, forEach: string | readonly unknown[], as: string): string {
  if (typeof forEach !== "string") return as;
  const template = parsedTemplate(ctx, forEach);
  const only = template.parts.length === 1 ? template.parts[0] : undefined;
  const expr = only?.kind === "expression" ? only.expr : undefined;
  if (expr?.kind !== "path") return as;
  const path: PathExpr = expr;
  return path.fields.at(-1)?.name ?? path.root.name;
}

/** The entries one `forEach` stands for: its jobs once per item, in order; undefined on a problem. */
export function expandForEach(
  entry: ForEachEntry,
  path: readonly PathKey[],
  ctx: WalkContext,
  entriesOf: EntriesOf,
): DesiredEntry[] | undefined {
  const as = entry.as ?? DEFAULT_LOOP_NAME;
  const nameProblem = loopNameProblem(as, ctx.loopNames);
  if (nameProblem !== undefined) {
    ctx.issues.push({ source: ctx.sourceAt([...path, "as"]), message: nameProblem });
    return undefined;
  }
  let items: readonly TemplateValue[] | undefined;
  if (typeof entry.forEach === "string") {
    const { value } = evaluateField(ctx, [...path, "forEach"], entry.forEach, "list", "forEach");
    if (value !== undefined && isList(value)) items = value;
  } else if (isTemplateValue(entry.forEach)) items = entry.forEach as readonly TemplateValue[];
  else {
    ctx.issues.push({
      source: ctx.sourceAt([...path, "forEach"]),
      message: "forEach: the list holds a value a template cannot read",
    });
  }
  if (items === undefined) return undefined;
  const label = listLabel(ctx, entry.forEach, as);
  const out: DesiredEntry[] = [];
  let ok = true;
  items.forEach((item, index) => {
    const loops = new Map(ctx.scope.loops ?? []);
    loops.set(as, item);
    const inner: WalkContext = {
      ...ctx,
      scope: { ...ctx.scope, loops },
      place: [...ctx.place, `${label}[${index}]`],
      loopNames: [...ctx.loopNames, as],
      // The enclosing list checks the expanded entries together.
      checkIdentities: undefined,
    };
    const built = entriesOf(entry.jobs, [...path, "jobs"], inner);
    if (built === undefined) ok = false;
    else out.push(...built);
  });
  return ok ? out : undefined;
}

function identityOf(entry: DesiredEntry): { key: string; describe: string } {
  switch (entry.kind) {
    case "job":
      return {
        key: `job\0${jobIdentity(entry.action, entry.title)}`,
        describe: `${entry.action} "${entry.title}"`,
      };
    case "ref":
      return "id" in entry.by
        ? { key: `ref\0id\0${entry.by.id}`, describe: `ref { id: ${entry.by.id} }` }
        : { key: `ref\0title\0${entry.by.title}`, describe: `ref { title: "${entry.by.title}" }` };
    case "group":
      return "id" in entry.by
        ? { key: `group\0id\0${entry.by.id}`, describe: `group { id: ${entry.by.id} }` }
        : { key: `group\0name\0${entry.by.name}`, describe: `group "${entry.by.name}"` };
  }
}

function sourceText(entry: DesiredEntry): string {
  const place = entry.kind === "job" ? entry.template?.place : undefined;
  return `line ${entry.source.line}${place ? ` [${place}]` : ""}`;
}

/** Two expanded entries with one identity in one group: reported at the second, naming both. */
export function checkExpandedIdentities(entries: readonly DesiredEntry[], ctx: WalkContext): void {
  const seen = new Map<string, DesiredEntry>();
  for (const entry of entries) {
    const { key, describe } = identityOf(entry);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, entry);
      continue;
    }
    ctx.issues.push({
      source: entry.source,
      message: `duplicate entry after expansion: ${describe} comes from ${sourceText(first)} and ${sourceText(entry)} in the same group (a job is identified by its kind and title: make the titles differ, e.g. with the forEach item)`,
    });
  }
}
