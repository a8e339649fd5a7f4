import { z } from "zod";
import { unionOptions, unwrap } from "./schema-walk.js";

/**
 * What a schema expects, in words, for messages ("a job, a ref or a group"). Kept in its own
 * registry so it stays out of the JSON Schema.
 */
export const expectations = z.registry<{ expected: string }>();

/** Registers `expected` for `schema` and returns the schema. */
export function expecting<S extends z.ZodType>(schema: S, expected: string): S {
  expectations.add(schema, { expected });
  return schema;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: "text",
  object: "a mapping",
  array: "a list",
  number: "a number",
  boolean: "true or false",
  null: "nothing (an empty value)",
};

/** The words registered for `schema` (or the schema it wraps), if any. */
export function registeredExpectation(schema: z.core.$ZodType | undefined): string | undefined {
  if (schema === undefined) return undefined;
  return expectations.get(schema)?.expected ?? expectations.get(unwrap(schema))?.expected;
}

/**
 * `a mapping`, `text`, or the registered words. A union without registered words is described by
 * its options (`text or a list`), a literal or enum by its values (`"user" or "group"`), so no
 * message ever shows zod's own type names.
 */
export function expectedWords(schema: z.core.$ZodType | undefined, fallbackType?: string): string {
  const registered = registeredExpectation(schema);
  if (registered) return registered;
  const def = schema ? unwrap(schema)._zod.def : undefined;
  if (schema && def?.type === "union") return orList(unionOptions(schema).map((o) => expectedWords(o)));
  if (def?.type === "literal")
    return orList((def as z.core.$ZodLiteralDef<z.core.util.Literal>).values.map(show));
  if (def?.type === "enum") return orList(Object.values((def as z.core.$ZodEnumDef).entries).map(show));
  const type = fallbackType ?? def?.type ?? "";
  return TYPE_WORDS[type] ?? type;
}

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** `a`, `a or b`, `a, b or c` (without repeats). */
export function orList(words: readonly string[]): string {
  const unique = [...new Set(words)];
  const last = unique.pop();
  if (last === undefined) return "something else";
  return unique.length === 0 ? last : `${unique.join(", ")} or ${last}`;
}
