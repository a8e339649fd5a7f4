import { z } from "zod";
import type { Plan, PlannedJob, RunPlan } from "./plan-types.js";
import { PLAN_FORMAT_VERSION } from "./plan-types.js";
import { summarize } from "./summary.js";

/**
 * Plan files of format 1 (jobsync 0.1), read so `show` still draws them. They carry no digest,
 * no desired-state digest, no starts-at-once and no live outline: `apply` refuses them ("re-plan").
 */

const source = z.object({ file: z.string(), line: z.number().int() });
const nodeLabel = z.object({ kind: z.enum(["job", "group"]), id: z.string(), label: z.string() });
const count = z.number().int().nonnegative();

const insertionV1 = z.object({
  parentGroupId: z.string().min(1).nullable(),
  relativeSiblingId: z.string().min(1).nullable(),
  before: z.boolean().nullable(),
  jobs: z
    .array(
      z.object({
        action: z.string().min(1),
        arguments: z.looseObject({ type: z.string().min(1) }),
        triggerType: z.string().min(1),
        source,
      }),
    )
    .min(1),
  explain: z.object({
    where: z.enum(["before", "after", "end"]),
    sibling: nodeLabel.optional(),
    group: nodeLabel,
    groupPath: z.array(z.string()),
    part: z.object({ index: z.number().int().positive(), of: z.number().int().positive() }).optional(),
  }),
});

const runV1 = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  fingerprint: z.string().min(1),
  manifests: z.array(z.object({ file: z.string(), name: z.string().optional() })),
  insertions: z.array(insertionV1),
  drift: z.array(
    z.object({
      jobRunId: z.string(),
      action: z.string(),
      title: z.string(),
      groupPath: z.array(z.string()),
      changes: z.array(
        z.object({ field: z.string(), manifest: z.unknown().optional(), live: z.unknown().optional() }),
      ),
      source,
    }),
  ),
  outOfOrder: z.array(z.object({ node: nodeLabel, groupPath: z.array(z.string()), source })),
  unmanaged: count,
});

/** The whole format-1 file (its summary is recomputed on upgrade). */
export const planSchemaV1 = z.object({
  formatVersion: z.literal(1),
  summary: z.looseObject({}),
  processRuns: z.array(runV1),
});

type RunV1 = z.output<typeof runV1>;

function upgradeRun(run: RunV1): RunPlan {
  const insertions = run.insertions.map((insertion) => ({
    ...insertion,
    jobs: insertion.jobs.map((job): PlannedJob => ({ ...job, startsAtOnce: false })),
  }));
  return { ...run, desired: "", insertions, duplicates: [] };
}

/** A format-1 plan in today's shape: no targets recorded, nothing starts at once, no duplicates known. */
export function upgradePlanV1(plan: z.output<typeof planSchemaV1>): Plan {
  const processRuns = plan.processRuns.map(upgradeRun);
  return { formatVersion: PLAN_FORMAT_VERSION, targets: [], summary: summarize(processRuns), processRuns };
}
