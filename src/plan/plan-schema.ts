import { z } from "zod";
import type { SameShape } from "../input/type-equality.js";
import { type OutlineGroup, type OutlineJob, PLAN_FORMAT_VERSION, type Plan } from "./plan-types.js";

/**
 * zod schema of a saved plan (plan-types.ts). Key order here is the key order of the saved file.
 * Explanations are validated loosely enough to render; the fields apply sends are strict.
 */

const source = z.object({ file: z.string(), line: z.number().int() });

const itemSource = z.object({
  file: z.string(),
  line: z.number().int(),
  place: z.string().optional(),
  expressions: z.record(z.string(), z.string()).optional(),
});

const nodeLabel = z.object({ kind: z.enum(["job", "group"]), id: z.string(), label: z.string() });

const plannedJob = z.object({
  action: z.string().min(1),
  arguments: z.looseObject({ type: z.string().min(1) }),
  triggerType: z.string().min(1),
  source: itemSource,
  startsAtOnce: z.boolean(),
});

const insertion = z.object({
  parentGroupId: z.string().min(1).nullable(),
  relativeSiblingId: z.string().min(1).nullable(),
  before: z.boolean().nullable(),
  jobs: z.array(plannedJob).min(1),
  explain: z.object({
    where: z.enum(["before", "after", "end"]),
    sibling: nodeLabel.optional(),
    group: nodeLabel,
    groupPath: z.array(z.string()),
    part: z.object({ index: z.number().int().positive(), of: z.number().int().positive() }).optional(),
  }),
});

const fieldChange = z.object({
  field: z.string(),
  manifest: z.unknown().optional(),
  live: z.unknown().optional(),
});

const drift = z.object({
  jobRunId: z.string(),
  action: z.string(),
  title: z.string(),
  groupPath: z.array(z.string()),
  changes: z.array(fieldChange),
  source,
});

const outOfOrder = z.object({ node: nodeLabel, groupPath: z.array(z.string()), source });

const count = z.number().int().nonnegative();

const outlineJob = z.object({
  kind: z.literal("job"),
  id: z.string(),
  action: z.string(),
  title: z.string(),
  status: z.string().optional(),
  managed: z.boolean(),
  generated: z.boolean(),
});

/** A group's fields but its children, proved equal to `OutlineGroup`'s below. */
const outlineGroupFields = z.object({
  kind: z.literal("group"),
  id: z.string(),
  name: z.string(),
  parallel: z.boolean(),
  status: z.string().optional(),
});

/**
 * Recursive, so typed by its annotation (which only proves the output assignable); with the proof
 * of its other fields below and `children` being the union of two proved shapes, it is exact.
 */
const outlineGroup: z.ZodType<OutlineGroup> = z.object({
  ...outlineGroupFields.shape,
  get children() {
    return z.array(z.union([outlineJob, outlineGroup]));
  },
});

const duplicate = z.object({
  action: z.string(),
  title: z.string(),
  groupPath: z.array(z.string()),
  jobRunIds: z.array(z.string()).min(2),
  source: itemSource,
});

const runPlan = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  status: z.string().optional(),
  fingerprint: z.string().min(1),
  desired: z.string().min(1),
  manifests: z.array(z.object({ file: z.string(), name: z.string().optional() })),
  insertions: z.array(insertion),
  drift: z.array(drift),
  outOfOrder: z.array(outOfOrder),
  unmanaged: count,
  duplicates: z.array(duplicate),
  outline: outlineGroup.optional(),
});

export const planSchema = z.object({
  formatVersion: z.literal(PLAN_FORMAT_VERSION),
  targets: z.array(z.string()),
  summary: z.object({
    create: count,
    requests: count,
    processRuns: count,
    inSync: count,
    drift: count,
    outOfOrder: count,
    unmanaged: count,
    duplicates: count,
  }),
  processRuns: z.array(runPlan),
});

/**
 * Compile-time proof that the schema and the `Plan` type are the same shape at every depth (keys,
 * optional keys, property types): a field added to one and not the other fails `tsc` here, so it
 * cannot silently vanish from `plan --out` or `--format json`.
 */
const schemaMatchesPlan: SameShape<z.output<typeof planSchema>, Plan> = true;
void schemaMatchesPlan;
const outlineJobMatches: SameShape<z.output<typeof outlineJob>, OutlineJob> = true;
void outlineJobMatches;
const outlineGroupMatches: SameShape<
  z.output<typeof outlineGroupFields>,
  Omit<OutlineGroup, "children">
> = true;
void outlineGroupMatches;
