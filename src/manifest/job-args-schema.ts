import { z } from "zod";
import { expecting } from "../input/expectations.js";
import { showValue } from "../input/show-value.js";

/**
 * Zod schemas of the arguments of each job kind, with the API's field names (§7.7 of the
 * Processes API notes). Which fields the API requires is UNCONFIRMED for every kind, so only
 * `title` is required here; the API has the last word when the job runs are created.
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

/** `YYYY-MM-DD`, a real calendar date (zod's ISO date checks month lengths and leap years). */
export const dateSchema = z.iso
  .date({ error: (iss) => `expected a date as YYYY-MM-DD, got ${showValue(iss.input)}` })
  .meta({ description: "A calendar date, YYYY-MM-DD." });

const textSchema = (description: string) =>
  z.string({ error: (iss) => `expected text, got ${showValue(iss.input)}` }).meta({ description });

/** Argument fields holding a user or group (`{ id, type }`, or a bare user id as shorthand). */
export const PRINCIPAL_FIELDS: ReadonlySet<string> = new Set(["assignee", "approver"]);

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

export const sendTaskArgsSchema = z
  .strictObject({
    title: titleSchema,
    assignee: principalSchema("assignee").optional(),
    assigneeUser: idString("The assignee's user id (the API's string form).").optional(),
    approver: principalSchema("approver").optional(),
    approverUser: idString("The approver's user id (the API's string form).").optional(),
    dueDate: dateSchema.optional(),
    approverDueDate: dateSchema.optional(),
    instructions: textSchema("Instructions shown to the assignee.").optional(),
    document: idString("The id of a document the task is about.").optional(),
  })
  .meta({
    title: "sendTask arguments",
    description: "Arguments of a sendTask job (the API's sendTaskArgs).",
  });

export const contentRequestArgsSchema = z
  .strictObject({
    title: titleSchema,
    assignee: principalSchema("assignee").optional(),
    approver: principalSchema("approver").optional(),
    document: idString("The id of the document holding the requested content.").optional(),
    section: idString("The id of the section to fill in.").optional(),
    instructions: textSchema("Instructions shown to the assignee.").optional(),
    dueDate: dateSchema.optional(),
  })
  .meta({
    title: "contentRequest arguments",
    description: "Arguments of a contentRequest job (the API's contentRequestArgs).",
  });

/** The API's CertificationArguments fields are UNCONFIRMED; these are the likely ones. */
export const certificationArgsSchema = z
  .strictObject({
    title: titleSchema,
    document: idString("The id of the document to certify.").optional(),
    dueDate: dateSchema.optional(),
    instructions: textSchema("Instructions shown to the signers.").optional(),
    assignee: principalSchema("assignee").optional(),
    approver: principalSchema("approver").optional(),
  })
  .meta({
    title: "certification arguments",
    description:
      "Arguments of a certification job (the API's certificationArgs; its fields are unconfirmed).",
  });
