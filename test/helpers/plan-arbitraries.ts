import fc from "fast-check";
import type {
  Drift,
  FieldChange,
  Insertion,
  NodeLabel,
  OutOfOrder,
  Plan,
  PlannedJob,
  RunPlan,
} from "../../src/plan/plan-types.js";
import { PLAN_FORMAT_VERSION } from "../../src/plan/plan-types.js";
import { summarize } from "../../src/plan/summary.js";

/**
 * fast-check arbitraries of every part of a saved plan, typed to the plan types: a required field
 * added to a type and not here fails `tsc`; optional fields appear and are left out at random.
 */

/** Plain objects only: a parsed file never has null-prototype objects. */
const plain = { noNullPrototype: true } as const;
const text = fc.string({ maxLength: 12 });
const nonEmpty = fc.string({ minLength: 1, maxLength: 12 });
const line = fc.integer({ min: 1, max: 10_000 });
const source = fc.record({ file: nonEmpty, line }, plain);

const nodeLabel: fc.Arbitrary<NodeLabel> = fc.record(
  {
    kind: fc.constantFrom("job", "group"),
    id: text,
    label: text,
  },
  plain,
);

const plannedJob: fc.Arbitrary<PlannedJob> = fc
  .record(
    {
      action: fc.constantFrom("sendTask", "contentRequest", "certification"),
      args: fc.dictionary(nonEmpty, fc.jsonValue(), { maxKeys: 4, ...plain }),
      triggerType: fc.constantFrom("whenEligible", "manual"),
      source,
    },
    plain,
  )
  .map(({ action, args, triggerType, source }) => ({
    action,
    arguments: { type: action, [`${action}Args`]: args },
    triggerType,
    source,
  }));

const insertion: fc.Arbitrary<Insertion> = fc.record(
  {
    parentGroupId: fc.option(nonEmpty, { nil: null }),
    relativeSiblingId: fc.option(nonEmpty, { nil: null }),
    before: fc.option(fc.boolean(), { nil: null }),
    jobs: fc.array(plannedJob, { minLength: 1, maxLength: 3 }),
    explain: fc.record(
      {
        where: fc.constantFrom("before", "after", "end"),
        sibling: nodeLabel,
        group: nodeLabel,
        groupPath: fc.array(text, { maxLength: 3 }),
        part: fc.record({ index: fc.integer({ min: 1, max: 9 }), of: fc.integer({ min: 1, max: 9 }) }, plain),
      },
      { requiredKeys: ["where", "group", "groupPath"], ...plain },
    ),
  },
  plain,
);

const fieldChange: fc.Arbitrary<FieldChange> = fc.record(
  { field: nonEmpty, manifest: fc.jsonValue(), live: fc.jsonValue() },
  { requiredKeys: ["field"], ...plain },
);

const drift: fc.Arbitrary<Drift> = fc.record(
  {
    jobRunId: nonEmpty,
    action: nonEmpty,
    title: text,
    groupPath: fc.array(text, { maxLength: 3 }),
    changes: fc.array(fieldChange, { maxLength: 3 }),
    source,
  },
  plain,
);

const outOfOrder: fc.Arbitrary<OutOfOrder> = fc.record(
  {
    node: nodeLabel,
    groupPath: fc.array(text, { maxLength: 3 }),
    source,
  },
  plain,
);

const runPlan: fc.Arbitrary<RunPlan> = fc.record(
  {
    id: nonEmpty,
    name: text,
    fingerprint: nonEmpty,
    manifests: fc.array(fc.record({ file: nonEmpty, name: text }, { requiredKeys: ["file"], ...plain }), {
      maxLength: 2,
    }),
    insertions: fc.array(insertion, { maxLength: 3 }),
    drift: fc.array(drift, { maxLength: 2 }),
    outOfOrder: fc.array(outOfOrder, { maxLength: 2 }),
    unmanaged: fc.nat({ max: 50 }),
  },
  {
    requiredKeys: ["id", "fingerprint", "manifests", "insertions", "drift", "outOfOrder", "unmanaged"],
    ...plain,
  },
);

/** Any well-formed plan (its summary computed from its runs, as the planner does). */
export const anyPlan: fc.Arbitrary<Plan> = fc.array(runPlan, { maxLength: 3 }).map((processRuns) => ({
  formatVersion: PLAN_FORMAT_VERSION,
  summary: summarize(processRuns),
  processRuns,
}));
