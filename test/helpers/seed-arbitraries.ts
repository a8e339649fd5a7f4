import fc from "fast-check";
import type {
  EmulatorSeed,
  SeedGroupNode,
  SeedJobNode,
  SeedNode,
  SeedProcess,
  SeedRun,
} from "../../src/emulator/emulator-types.js";
import { objectKeys, plainJson } from "./json-arbitraries.js";

/**
 * Arbitrary valid emulator seeds, every optional field sometimes left out. Ids are placeholders
 * here and made unique by `withUniqueIds` (a seed's ids must all differ).
 */

const text = fc.string({ minLength: 1, maxLength: 8 });
const isoDate = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const isoDateTime = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString());
const args: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  objectKeys(text.filter((k) => k !== "__proto__")),
  plainJson,
  {
    maxKeys: 4,
  },
);

const job: fc.Arbitrary<SeedJobNode> = fc.record(
  { id: fc.constant("id"), action: text, args, triggerType: text, status: text },
  { requiredKeys: ["id", "action", "args"] },
);

const { node } = fc.letrec<{ node: SeedNode; group: SeedGroupNode }>((tie) => ({
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, job, tie("group")),
  group: fc.record(
    {
      group: fc.string({ maxLength: 8 }),
      id: fc.constant("id"),
      parallel: fc.boolean(),
      readOnly: fc.boolean(),
      children: fc.array(tie("node"), { maxLength: 3 }),
    },
    { requiredKeys: ["group", "id", "children"] },
  ),
}));

const children = fc.array(node, { maxLength: 4 });

const run: fc.Arbitrary<SeedRun> = fc.record(
  { id: fc.constant("id"), status: text, children, parallel: fc.boolean(), created: isoDateTime },
  { requiredKeys: ["id", "children"] },
);

const process: fc.Arbitrary<SeedProcess> = fc.record(
  {
    id: fc.constant("id"),
    name: text,
    dueDate: isoDate,
    businessStartDate: isoDate,
    businessDaysOfWeek: fc.array(fc.constantFrom("monday", "tuesday", "friday"), { maxLength: 3 }),
    run,
    template: fc.record({ parallel: fc.boolean(), children }, { requiredKeys: ["children"] }),
  },
  { requiredKeys: ["id", "name"] },
);

const client = fc.record(
  { clientId: text, clientSecret: text, scope: fc.string({ maxLength: 12 }) },
  { requiredKeys: ["clientId", "clientSecret"] },
);

/** Gives every process, run and node a distinct id (`p1`, `r2`, `n3`, …). */
function withUniqueIds(seed: EmulatorSeed): EmulatorSeed {
  let counter = 0;
  const next = (prefix: string) => `${prefix}${++counter}`;
  const renumber = (nodes: readonly SeedNode[]): SeedNode[] =>
    nodes.map((n) =>
      "group" in n ? { ...n, id: next("g"), children: renumber(n.children) } : { ...n, id: next("j") },
    );
  return {
    ...seed,
    processes: seed.processes.map((p) => ({
      ...p,
      id: next("p"),
      ...(p.run ? { run: { ...p.run, id: next("r"), children: renumber(p.run.children) } } : {}),
      ...(p.template ? { template: { ...p.template, children: renumber(p.template.children) } } : {}),
    })),
  };
}

export const anySeed: fc.Arbitrary<EmulatorSeed> = fc
  .record(
    {
      $schema: text,
      clients: fc.array(client, { maxLength: 2 }),
      processes: fc.array(process, { maxLength: 3 }),
    },
    { requiredKeys: ["processes"] },
  )
  .map(withUniqueIds);
