import { z } from "zod";
import { expecting } from "../input/expectations.js";
import { JOB_ACTIONS, JOB_ACTIONS_IN_WORDS, JOB_KINDS, type JobAction } from "../input/job-kinds.js";
import { showValue } from "../input/show-value.js";
import { type ArgsSchema, argsSchemaOf, idString } from "./job-args-schema.js";

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

const triggerTypeSchema = z
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

/** One item of a `jobs:` list: a job, a ref or a group. */
export const entrySchema = expecting(
  z.union([...jobEntrySchemas, refEntrySchema, groupEntrySchema]).meta({
    id: "entry",
    title: "Entry",
    description: `A job (${JOB_ACTIONS_IN_WORDS}), a ref, or a group.`,
  }),
  `an entry (a mapping with one of ${[...JOB_ACTIONS, "ref"].join(", ")} or group)`,
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
      target: targetSchema,
      jobs: jobsSchema,
    })
    .meta({
      title: "jobsync manifest",
      description: `Which job runs must exist in a running process run, and where (${MANIFEST_API_VERSION}, kind ${MANIFEST_KIND}).`,
    }),
  "a JobRuns manifest (a mapping with apiVersion, kind, target and jobs)",
);

export type ManifestOutput = z.output<typeof manifestSchema>;
export type EntryOutput = z.output<typeof entrySchema>;
