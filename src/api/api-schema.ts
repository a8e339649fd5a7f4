/**
 * Lenient zod schemas for API responses. Unknown fields are ignored, unknown statuses kept as
 * strings, ids accepted as strings or numbers. The run tree is validated one node at a time
 * (children as `unknown[]`) so parse-run.ts can accept wrapped and bare child shapes.
 */

import { z } from "zod";

/** A malformed response body (the API answered 2xx with something we cannot read). */
export class ResponseShapeError extends Error {
  override readonly name = "ResponseShapeError";
}

const id = z.union([z.string().min(1), z.number().transform(String)]);
const optionalString = z.string().nullish().catch(undefined);
const optionalBool = z.boolean().nullish().catch(undefined);
const optionalNumber = z.number().nullish().catch(undefined);
const optionalRecord = z.record(z.string(), z.unknown()).nullish().catch(undefined);

/** Fields of a GroupRun or JobRun node that jobsync reads. */
export const runNodeSchema = z.object({
  id,
  name: optionalString,
  status: optionalString,
  ordinal: optionalNumber,
  parent: z
    .union([z.string(), z.number().transform(String)])
    .nullish()
    .catch(undefined),
  parallel: optionalBool,
  readOnly: optionalBool,
  children: z.array(z.unknown()).nullish().catch(undefined),
  action: optionalString,
  arguments: optionalRecord,
  triggerType: optionalString,
});
export type RunNodeJson = z.infer<typeof runNodeSchema>;

/** A ProcessRun (the tree is read from `root`). */
export const processRunSchema = z.object({
  id,
  process: z
    .union([z.string(), z.number().transform(String)])
    .nullish()
    .catch(undefined),
  processId: z
    .union([z.string(), z.number().transform(String)])
    .nullish()
    .catch(undefined),
  name: optionalString,
  status: optionalString,
  revision: optionalNumber,
  root: z.record(z.string(), z.unknown()),
});

/** The embedded run of a process: an object with an id, or (leniently) a bare id. */
const embeddedRun = z
  .union([
    z.object({ id, status: optionalString }),
    id.transform((runId) => ({ id: runId, status: undefined })),
  ])
  .nullish()
  .catch(undefined);

/** A Process or ProcessSummary. */
export const processSchema = z.object({
  id,
  name: z.string().catch(""),
  // Read for templates (§7): kept as sent, checked where used (a wrong one is an error only then).
  dueDate: z.string().nullish().catch(undefined),
  businessStartDate: z.string().nullish().catch(undefined),
  businessDaysOfWeek: z.unknown().optional(),
  run: embeddedRun,
  runId: z
    .union([z.string(), z.number().transform(String)])
    .nullish()
    .catch(undefined),
});

/** One page of GET /processes. */
export const processPageSchema = z.object({
  data: z.array(z.unknown()).catch([]),
  "@nextLink": z.string().nullish().catch(undefined),
});

/** One created job run, as read from a POST /processRuns/{id}/jobRuns answer. */
export const createdJobRunSchema = z.object({
  id,
  ordinal: optionalNumber,
  parent: z
    .union([z.string(), z.number().transform(String)])
    .nullish()
    .catch(undefined),
});

/** The created job runs: a bare array, or `{ data: [...] }` (or `{ jobRuns: [...] }`). */
export const createdJobRunsSchema = z.union([
  z.array(createdJobRunSchema),
  z.object({ data: z.array(createdJobRunSchema) }).transform((o) => o.data),
  z.object({ jobRuns: z.array(createdJobRunSchema) }).transform((o) => o.jobRuns),
]);

/** Parses or throws a ResponseShapeError naming `what` and the first issue's path. */
export function parseOrThrow<T extends z.ZodType>(schema: T, json: unknown, what: string): z.output<T> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const at = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
  throw new ResponseShapeError(`unexpected ${what} from the API${at}: ${issue?.message ?? "invalid"}`);
}
