// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is the template syntax, not a JS placeholder
import { z } from "zod";
import { expecting } from "../input/expectations.js";
import { JOB_ACTIONS, JOB_ACTIONS_IN_WORDS, JOB_KINDS, type JobAction } from "../input/job-kinds.js";
import { showValue } from "../input/show-value.js";
import { type ArgsSchema, argsSchemaOf, expressionString, idString } from "./job-args-schema.js";

/**
 * The zod schema of one manifest document (contract §2). Validation and the editors' JSON
 * Schema (`jobsync schema`) both come from it. Strict: unknown keys are errors.
 */

/** The `apiVersion` every manifest declares. */
export const MANIFEST_API_VERSION = "jobsync/v1";
/** The `kind` every manifest declares. */
export const MANIFEST_KIND = "JobRuns";
/** The `triggerType` of a job that does not say (and that import leaves out). */
export const DEFAULT_TRIGGER_TYPE = "whenEligible";

export const triggerTypeSchema = z
  .string({
    error: (iss) =>
      `expected a trigger type (text, e.g. "${DEFAULT_TRIGGER_TYPE}"), got ${showValue(iss.input)}`,
  })
  .regex(/\S/, { error: `triggerType must not be empty (e.g. "${DEFAULT_TRIGGER_TYPE}")` })
  .default(DEFAULT_TRIGGER_TYPE)
  .meta({ description: `What starts the job once created. Default "${DEFAULT_TRIGGER_TYPE}".` });

type TriggerTypeSchema = typeof triggerTypeSchema;

/** The shape of a job entry of each kind: `{ <action>: <args>, triggerType }`. */
type JobEntryShape = {
  [A in JobAction]: { [P in A]: ArgsSchema } & { triggerType: TriggerTypeSchema };
}[JobAction];

function jobEntrySchema(action: JobAction) {
  // The one cast: TypeScript types a computed key as any string, not as the action it is.
  const shape = { [action]: argsSchemaOf(action), triggerType: triggerTypeSchema } as JobEntryShape;
  return z.strictObject(shape).meta({ title: `${action} job`, description: JOB_KINDS[action].description });
}

/** One schema per kind of the table, in its order. */
export const jobEntrySchemas = JOB_ACTIONS.map(jobEntrySchema);

export const refEntrySchema = z
  .strictObject({
    ref: expecting(
      z
        .union([
          z.strictObject({ id: idString("The id of an existing job run or group run.") }),
          z.strictObject({ title: idString("The title of an existing job run in this group.") }),
        ])
        .meta({ description: "{ id } or { title } of an existing job run or group run." }),
      "{ id: <job or group run id> } or { title: <job title> }",
    ),
  })
  .meta({
    title: "ref",
    description: "An existing job run or group run, used only as an anchor for placement. Never created.",
  });

export const groupEntrySchema = z
  .strictObject({
    group: expecting(
      z
        .union([
          idString("The name of an existing group run in this group."),
          z.strictObject({ id: idString("The id of an existing group run.") }),
        ])
        .meta({ description: "An existing group run: its name, or { id }. Groups cannot be created." }),
      "a group name or { id: <group run id> }",
    ),
    get jobs() {
      return jobsSchema;
    },
  })
  .meta({ title: "group", description: "An existing group run and the jobs that must exist inside it." });

/** A template value (§7): any YAML value. */
const anyValue = z.unknown().meta({ description: "Any YAML value: text, number, date, list or mapping." });

export const varsSchema = expecting(
  z
    .record(z.string(), anyValue, {
      error: (iss) => `expected a mapping of names to values, got ${showValue(iss.input)}`,
    })
    .meta({ description: "Values the expressions read as vars.NAME; any YAML value." }),
  "a mapping of names to values",
);

export const forEachEntrySchema = z
  .strictObject({
    forEach: expecting(
      z
        .union([expressionString, z.array(anyValue)])
        .meta({ description: "A list expression (${{ vars.entities }}) or a literal YAML list." }),
      "a list expression (${{ … }}) or a YAML list",
    ),
    as: z
      .string({ error: (iss) => `expected a name, got ${showValue(iss.input)}` })
      .optional()
      .meta({ description: "The name each item is read by (default `item`)." }),
    get jobs() {
      return jobsSchema;
    },
  })
  .meta({
    title: "forEach",
    description: "Repeats its jobs once per list item, in list order, at the place it stands.",
  });

/** One item of a `jobs:` list: a job, a ref, a group or a forEach. */
export const entrySchema = expecting(
  z.union([...jobEntrySchemas, refEntrySchema, groupEntrySchema, forEachEntrySchema]).meta({
    id: "entry",
    title: "Entry",
    description: `A job (${JOB_ACTIONS_IN_WORDS}), a ref, a group, or a forEach.`,
  }),
  `an entry (a mapping with one of ${[...JOB_ACTIONS, "ref"].join(", ")}, group or forEach)`,
);

export const jobsSchema: z.ZodArray<typeof entrySchema> = z
  .array(entrySchema, { error: (iss) => `expected a list of entries, got ${showValue(iss.input)}` })
  .meta({ id: "jobs", description: "Desired children of the group, in order." });

export const targetSchema = expecting(
  z
    .union([
      z.strictObject({ processRun: idString("The id of a running process run.") }),
      z.strictObject({
        process: expecting(
          z
            .union([
              z.strictObject({ id: idString("A process id: its current run is the target.") }),
              z.strictObject({
                name: idString("The exact name of one process: its current run is the target."),
              }),
            ])
            .meta({ description: "A process, by { id } or { name }; its current run is the target." }),
          "{ id: <process id> } or { name: <process name> }",
        ),
      }),
    ])
    .meta({
      description: "The process run to work on: processRun: <id>, process: { id }, or process: { name }.",
    }),
  "a mapping with processRun: <id>, process: { id: <id> } or process: { name: <name> }",
);

/** One `targets:` entry: a target form plus its own `vars`. */
export const templateTargetSchema = expecting(
  z
    .union([
      z.strictObject({
        processRun: idString("The id of a running process run."),
        vars: varsSchema.optional(),
      }),
      z.strictObject({
        process: targetSchema.options[1].shape.process,
        vars: varsSchema.optional(),
      }),
    ])
    .meta({
      description:
        "A process run (processRun: <id>, process: { id } or process: { name }) with its own vars, which replace the manifest's per top-level key.",
    }),
  "a mapping with processRun: <id>, process: { id } or process: { name }, and optional vars",
);

export const manifestSchema = expecting(
  z
    .strictObject({
      apiVersion: z.literal(MANIFEST_API_VERSION, {
        error: (iss) => `expected apiVersion "${MANIFEST_API_VERSION}", got ${showValue(iss.input)}`,
      }),
      kind: z.literal(MANIFEST_KIND, {
        error: (iss) => `expected kind "${MANIFEST_KIND}", got ${showValue(iss.input)}`,
      }),
      metadata: z
        .strictObject({
          name: z.string().optional().meta({ description: "A name shown in output." }),
        })
        .optional(),
      calendar: idString(
        "Holidays for workday(): a name from the config's `calendars`, or a calendar file's path relative to this file.",
      ).optional(),
      vars: varsSchema.optional(),
      target: targetSchema.optional(),
      targets: expecting(
        z
          .array(templateTargetSchema)
          .min(1, { error: "targets must list at least one target" })
          .meta({ description: "Instead of `target:`: one entry per process run, each with its own vars." }),
        "a list of targets",
      ).optional(),
      jobs: jobsSchema,
    })
    .meta({
      // One of the two target keys (checked with a message of its own in template-targets.ts).
      oneOf: [{ required: ["target"] }, { required: ["targets"] }],
      title: "jobsync manifest",
      description: `Which job runs must exist in a running process run, and where (${MANIFEST_API_VERSION}, kind ${MANIFEST_KIND}).`,
    }),
  "a JobRuns manifest (a mapping with apiVersion, kind, target and jobs)",
);

export type ManifestOutput = z.output<typeof manifestSchema>;
export type EntryOutput = z.output<typeof entrySchema>;
export type TemplateTargetOutput = z.output<typeof templateTargetSchema>;
