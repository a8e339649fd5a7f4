import type { z } from "zod";

/**
 * Reading a zod schema's structure, to explain problems: which schema sits at a path, which
 * keys an object knows, and which option of a union a value was meant for.
 */

export type PathKey = string | number;
type Schema = z.core.$ZodType;

/** A plain mapping (not null, not a list). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at `path` inside `value`, or undefined. */
export function valueAt(value: unknown, path: readonly PathKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PathKey, unknown>)[key];
  }
  return current;
}

/** Strips optional/default/nullable/pipe/lazy wrappers (not unions). */
export function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const def = current._zod.def as z.core.$ZodTypeDef & {
      innerType?: Schema;
      in?: Schema;
      getter?: () => Schema;
    };
    if (def.innerType && (def.type === "optional" || def.type === "default" || def.type === "nullable")) {
      current = def.innerType;
    } else if (def.type === "pipe" && def.in) current = def.in;
    else if (def.type === "lazy" && def.getter) current = def.getter();
    else return current;
  }
}

export function kindOf(schema: Schema): string {
  return unwrap(schema)._zod.def.type;
}

export function unionOptions(schema: Schema): readonly Schema[] {
  const def = unwrap(schema)._zod.def as z.core.$ZodUnionDef;
  return def.type === "union" ? def.options : [];
}

export function objectShape(schema: Schema): Readonly<Record<string, Schema>> {
  const def = unwrap(schema)._zod.def as z.core.$ZodObjectDef;
  return def.type === "object" ? def.shape : {};
}

/** Keys that must be present (not optional, no default). */
export function requiredKeys(schema: Schema): string[] {
  return Object.entries(objectShape(schema))
    .filter(([, field]) => field._zod.optin === undefined)
    .map(([key]) => key);
}

/** An object option's first required key names it (`sendTask`, `ref`, `group`, `processRun`). */
export function kindKey(schema: Schema): string | undefined {
  return requiredKeys(schema)[0];
}

/** The options of a union that `value` can have been meant for (see pickOption). */
export function candidateOptions(union: Schema, value: unknown): Schema[] {
  const options = unionOptions(union);
  if (isMapping(value)) {
    const objects = options.filter((o) => kindOf(o) === "object");
    if (objects.length <= 1) return objects;
    return objects.filter((o) => {
      const key = kindKey(o);
      return key !== undefined && key in value;
    });
  }
  const type = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  return options.filter((o) => kindOf(o) === type);
}

/** The one option a value was meant for: a mapping by the required keys it has, else by type. */
export function pickOption(union: Schema, value: unknown): Schema | undefined {
  const candidates = candidateOptions(union, value);
  return candidates.length === 1 ? candidates[0] : undefined;
}

/**
 * The schema that validates `path` inside `value` (unions resolved by pickOption on the way;
 * the last step's union is returned as is when `keepUnion`).
 */
export function schemaAt(
  schema: Schema,
  value: unknown,
  path: readonly PathKey[],
  keepUnion = false,
): Schema | undefined {
  let current: Schema | undefined = schema;
  let currentValue = value;
  for (const key of path) {
    current = resolveUnion(current, currentValue);
    if (current === undefined) return undefined;
    const def = unwrap(current)._zod.def as z.core.$ZodObjectDef | z.core.$ZodArrayDef;
    if (def.type === "object") current = (def as z.core.$ZodObjectDef).shape[String(key)];
    else if (def.type === "array") current = (def as z.core.$ZodArrayDef).element;
    else return undefined;
    currentValue = valueAt(currentValue, [key]);
  }
  return current === undefined || keepUnion ? current : resolveUnion(current, currentValue);
}

function resolveUnion(schema: Schema | undefined, value: unknown): Schema | undefined {
  if (schema === undefined || kindOf(schema) !== "union") return schema;
  return pickOption(schema, value);
}

/** `jobs[2].sendTask.title`. */
export function formatPath(path: readonly PathKey[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? key : `.${key}`)).join("");
}
