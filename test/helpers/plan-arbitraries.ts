import fc from "fast-check";
import type {
  Drift,
  Duplicate,
  FieldChange,
  Insertion,
  ItemSource,
  NodeLabel,
  OutlineGroup,
  OutlineJob,
  OutlineNode,
  OutOfOrder,
  Plan,
  PlannedJob,
  RunPlan,
} from "../../src/plan/plan-types.js";
import { PLAN_FORMAT_VERSION } from "../../src/plan/plan-types.js";
import { summarize } from "../../src/plan/summary.js";
import { objectKeys, plainJson } from "./json-arbitraries.js";

/**
 * fast-check arbitraries of every part of a saved plan, typed to the plan types: a required field
 * added to a type and not here fails `tsc`; optional fields appear and are left out at random.
 */

/** Plain objects only: a parsed file never has null-prototype objects. */
const plain = { noNullPrototype: true } as const;
const text = fc.string({ maxLength: 12 });
const nonEmpty = fc.string({ minLength: 1, maxLength: 12 });
const objectKey = objectKeys(nonEmpty);
const line = fc.integer({ min: 1, max: 10_000 });
/** JSON values as a saved plan can hold them (json-arbitraries.ts). */
const jsonValue = plainJson;
const source = fc.record({ file: nonEmpty, line }, plain);
const itemSource: fc.Arbitrary<ItemSource> = fc.record(
  {
    file: nonEmpty,
    line,
    place: text,
    expressions: fc.dictionary(objectKey, nonEmpty, { maxKeys: 3, ...plain }),
  },
  { requiredKeys: ["file", "line"], ...plain },
);

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
      args: fc.dictionary(objectKey, jsonValue, { maxKeys: 4, ...plain }),
      triggerType: fc.constantFrom("whenEligible", "manual"),
      source: itemSource,
      startsAtOnce: fc.boolean(),
    },
    plain,
  )
  .map(({ action, args, ...rest }) => ({
    action,
    arguments: { type: action, [`${action}Args`]: args },
    ...rest,
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
  { field: nonEmpty, manifest: jsonValue, live: jsonValue },
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

const status = fc.constantFrom("running", "waiting", "complete", "skipped", "someday");

const outlineJob: fc.Arbitrary<OutlineJob> = fc.record(
  {
    kind: fc.constant("job"),
    id: nonEmpty,
    action: nonEmpty,
    title: text,
    status,
    managed: fc.boolean(),
    generated: fc.boolean(),
  },
  { requiredKeys: ["kind", "id", "action", "title", "managed", "generated"], ...plain },
);

const { group: outlineGroup } = fc.letrec<{ group: OutlineGroup; node: OutlineNode }>((tie) => ({
  group: fc.record(
    {
      kind: fc.constant("group"),
      id: nonEmpty,
      name: text,
      parallel: fc.boolean(),
      status,
      children: fc.array(tie("node"), { maxLength: 3 }),
    },
    { requiredKeys: ["kind", "id", "name", "parallel", "children"], ...plain },
  ),
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, outlineJob, tie("group")),
}));

const duplicate: fc.Arbitrary<Duplicate> = fc.record(
  {
    action: nonEmpty,
    title: text,
    groupPath: fc.array(text, { maxLength: 2 }),
    jobRunIds: fc.array(nonEmpty, { minLength: 2, maxLength: 3 }),
    source: itemSource,
  },
  plain,
);

const runPlan: fc.Arbitrary<RunPlan> = fc.record(
  {
    id: nonEmpty,
    name: text,
    status,
    fingerprint: nonEmpty,
    desired: nonEmpty,
    manifests: fc.array(fc.record({ file: nonEmpty, name: text }, { requiredKeys: ["file"], ...plain }), {
      maxLength: 2,
    }),
    insertions: fc.array(insertion, { maxLength: 3 }),
    drift: fc.array(drift, { maxLength: 2 }),
    outOfOrder: fc.array(outOfOrder, { maxLength: 2 }),
    unmanaged: fc.nat({ max: 50 }),
    duplicates: fc.array(duplicate, { maxLength: 2 }),
    outline: outlineGroup,
  },
  {
    requiredKeys: [
      "id",
      "fingerprint",
      "desired",
      "manifests",
      "insertions",
      "drift",
      "outOfOrder",
      "unmanaged",
      "duplicates",
    ],
    ...plain,
  },
);

/** Any well-formed plan (its summary computed from its runs, as the planner does). */
export const anyPlan: fc.Arbitrary<Plan> = fc
  .record({ runs: fc.array(runPlan, { maxLength: 3 }), targets: fc.array(nonEmpty, { maxLength: 2 }) })
  .map(({ runs, targets }) => ({
    formatVersion: PLAN_FORMAT_VERSION,
    targets,
    summary: summarize(runs),
    processRuns: runs,
  }));
