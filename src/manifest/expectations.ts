import { z } from "zod";
import { unwrap } from "./schema-walk.js";

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
};

/** The words registered for `schema` (or the schema it wraps), if any. */
export function registeredExpectation(schema: z.core.$ZodType | undefined): string | undefined {
  if (schema === undefined) return undefined;
  return expectations.get(schema)?.expected ?? expectations.get(unwrap(schema))?.expected;
}

/** `a mapping`, `text`, or the registered words. */
export function expectedWords(schema: z.core.$ZodType | undefined, fallbackType?: string): string {
  const registered = registeredExpectation(schema);
  if (registered) return registered;
  const type = fallbackType ?? (schema ? unwrap(schema)._zod.def.type : "");
  return TYPE_WORDS[type] ?? type;
}
