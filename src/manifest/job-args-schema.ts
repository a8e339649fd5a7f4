// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is the template syntax, not a JS placeholder
import { z } from "zod";
import { expecting } from "../input/expectations.js";
import { type ArgField, argsKeyOf, JOB_KINDS, type JobAction } from "../input/job-kinds.js";
import { showValue } from "../input/show-value.js";

/**
 * Zod schemas of the arguments of each job kind, built from the table of kinds
 * (`input/job-kinds.ts`), with the API's field names (§7.7 of the Processes API notes). Besides
 * `title`, a kind's `required` fields (what every documented example body carries, and what the
 * emulator enforces: contract §11) must be there, so a plan that validates is not refused at apply.
 */

/** A non-empty string with no constraints beyond that (ids, documents, sections). */
export const idString = (description: string) =>
  z
    .string({ error: (iss) => `expected a string, got ${showValue(iss.input)}` })
    .min(1, { error: "must not be empty" })
    .meta({ description });

/** A title: some non-blank text. Part of a job's identity (action + title). */
export const titleSchema = z
  .string({ error: (iss) => `expected a title (text), got ${showValue(iss.input)}` })
  .regex(/\S/, { error: "title must not be empty" })
  .meta({
    title: "Title",
    description: "The job's title. With the job kind, it identifies the job inside its group.",
  });

/** Text holding a `${{ … }}` expression (§7): checked when the template is evaluated. */
export const expressionString = z
  .string()
  .regex(/\$\{\{/)
  .meta({ description: "A template expression, ${{ … }}, computed for each target." });

/**
 * `YYYY-MM-DD`, a real calendar date (zod's ISO date checks month lengths and leap years), or
 * an expression that computes one (its result is checked when it is evaluated).
 */
export const isoDateSchema = z.iso.date();

/** A `${{ … }}` in a date field (its own instance, so editors can word its message as a date's). */
export const dateExpressionSchema = z
  .string()
  .regex(/\$\{\{/)
  .meta({ description: "A template expression, ${{ … }}, that computes a date for each target." });

export const dateSchema = expecting(
  z
    .union([isoDateSchema, dateExpressionSchema], {
      error: (iss) => `expected a date as YYYY-MM-DD, got ${showValue(iss.input)}`,
    })
    .meta({ description: "A calendar date, YYYY-MM-DD, or a ${{ … }} expression that computes one." }),
  "a date as YYYY-MM-DD",
);

const textSchema = (description: string) =>
  z.string({ error: (iss) => `expected text, got ${showValue(iss.input)}` }).meta({ description });

/** A user or group: a bare user id (shorthand for `{ id, type: user }`) or `{ id, type }`. */
export const principalSchema = (what: string) =>
  expecting(
    z
      .union([
        idString(`The ${what}'s user id (shorthand for { id: <id>, type: user }).`),
        z
          .strictObject({
            id: idString(`The ${what}'s user or group id.`),
            type: z
              .enum(["user", "group"], {
                error: (iss) => `expected "user" or "group", got ${showValue(iss.input)}`,
              })
              .meta({
                description: 'Whether the id is a user or a group ("group" is unconfirmed in the API).',
              }),
          })
          .meta({ title: `${what} ({ id, type })` }),
      ])
      .meta({ description: `The ${what}: a user id, or { id, type: user | group }.` }),
    "a user id or { id: <id>, type: user | group }",
  );

/** The zod schema of one argument field of the table. */
function fieldSchema(name: string, field: ArgField): z.ZodType {
  switch (field.type) {
    case "principal":
      return principalSchema(name);
    case "date":
      return dateSchema;
    case "id":
      return idString(field.description);
    case "text":
      return textSchema(field.description);
  }
}

/** The zod schema of one kind's arguments: `title`, then the kind's fields, all optional. */
export type ArgsSchema = z.ZodObject<Readonly<Record<string, z.ZodType>>, z.core.$strict>;

function buildArgsSchema(action: JobAction): ArgsSchema {
  const { fields, fieldsConfirmed } = JOB_KINDS[action];
  const shape: Record<string, z.ZodType> = { title: titleSchema };
  for (const [name, field] of Object.entries(fields)) shape[name] = fieldSchema(name, field).optional();
  const unconfirmed = fieldsConfirmed ? "" : "; its fields are unconfirmed";
  const required = JOB_KINDS[action].required;
  return z
    .strictObject(shape)
    .check((ctx) => {
      for (const names of missingRequired(required, ctx.value)) {
        const message = `a ${action} needs ${requiredFieldText(names)}`;
        ctx.issues.push({ code: "custom", message, input: ctx.value, path: [] });
      }
    })
    .meta({
      title: `${action} arguments`,
      description: `Arguments of a ${action} job (the API's ${argsKeyOf(action)}${unconfirmed}).`,
    });
}

/** The required fields (each one name, or alternatives) that `args` lacks. */
export function missingRequired(
  required: readonly (readonly [string, ...string[]])[],
  args: Readonly<Record<string, unknown>>,
): (readonly [string, ...string[]])[] {
  return required.filter((names) => !names.some((name) => args[name] !== undefined));
}

/** `an assignee (assignee or assigneeUser)`, `a document`. */
export function requiredFieldText(names: readonly [string, ...string[]]): string {
  const either = names.length > 1 ? ` (${names.join(" or ")})` : "";
  return `${/^[aeiou]/.test(names[0]) ? "an" : "a"} ${names[0]}${either}`;
}

const argsSchemas = new Map<JobAction, ArgsSchema>();

/** The zod schema of a kind's arguments (one instance per kind). */
export function argsSchemaOf(action: JobAction): ArgsSchema {
  let schema = argsSchemas.get(action);
  if (!schema) {
    schema = buildArgsSchema(action);
    argsSchemas.set(action, schema);
  }
  return schema;
}
