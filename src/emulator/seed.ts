import { readFileSync } from "node:fs";
import { z } from "zod";
import { UserError } from "../diagnostics/errors.js";
import { addNodes, createRun } from "./build-tree.js";
import type { EmulatorSeed, SeedNode, SeedRun } from "./emulator-types.js";
import { startEligible } from "./status.js";
import { EmulatorStore } from "./store.js";

/** Seed files: validated with zod (errors name the JSON path), then turned into a store. */

const nonEmpty = z.string().min(1);

const seedNodeSchema: z.ZodType<SeedNode> = z.lazy(
  () =>
    z
      .strictObject({
        id: nonEmpty,
        group: z.string().optional(),
        parallel: z.boolean().optional(),
        readOnly: z.boolean().optional(),
        children: z.array(seedNodeSchema).optional(),
        action: nonEmpty.optional(),
        args: z.record(z.string(), z.unknown()).optional(),
        triggerType: nonEmpty.optional(),
        status: nonEmpty.optional(),
      })
      .superRefine((node, ctx) => {
        const problem = (message: string, key: string) =>
          ctx.addIssue({ code: "custom", message, path: [key] });
        if (node.group !== undefined) {
          if (!node.children) problem("a group needs a children array", "children");
          for (const key of ["action", "args", "triggerType", "status"] as const) {
            if (node[key] !== undefined) problem(`not allowed on a group (it has "group")`, key);
          }
        } else {
          if (node.action === undefined)
            problem('a node needs "action" (a job) or "group" (a group)', "action");
          if (node.args === undefined) problem("a job needs an args object (its <action>Args)", "args");
          for (const key of ["children", "parallel", "readOnly"] as const) {
            if (node[key] !== undefined) problem(`not allowed on a job (only groups have it)`, key);
          }
        }
      }) as unknown as z.ZodType<SeedNode>,
);

const seedSchema = z.strictObject({
  $schema: z.string().optional(),
  clients: z
    .array(z.strictObject({ clientId: nonEmpty, clientSecret: nonEmpty, scope: z.string().optional() }))
    .optional(),
  processes: z.array(
    z.strictObject({
      id: nonEmpty,
      name: nonEmpty,
      dueDate: z.iso.date().optional(),
      businessStartDate: z.iso.date().optional(),
      businessDaysOfWeek: z.array(z.string()).optional(),
      run: z
        .strictObject({
          id: nonEmpty,
          status: nonEmpty.optional(),
          children: z.array(seedNodeSchema),
          parallel: z.boolean().optional(),
          created: z.iso.datetime({ offset: true }).optional(),
        })
        .optional(),
      template: z
        .strictObject({ parallel: z.boolean().optional(), children: z.array(seedNodeSchema) })
        .optional(),
    }),
  ),
});

/** `processes[0].run.children[2].args` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join("");
}

/** Validates a seed object; throws UserError listing every problem with its path. */
export function parseSeed(value: unknown, source = "seed"): EmulatorSeed {
  const result = seedSchema.safeParse(value);
  if (!result.success) {
    const lines = result.error.issues.map(
      (i) => `  ${source}: ${formatPath(i.path) || "(root)"}: ${i.message}`,
    );
    throw new UserError(
      `invalid emulator seed ${source}:\n${lines.join("\n")}`,
      "See the seed format in the README.",
    );
  }
  const seed = result.data as EmulatorSeed;
  checkUniqueIds(seed, source);
  return seed;
}

/** Reads and validates a seed JSON file. */
export function loadSeedFile(file: string): EmulatorSeed {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UserError(`cannot read seed file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`seed file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseSeed(value, file);
}

function checkUniqueIds(seed: EmulatorSeed, source: string): void {
  const seen = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const first = seen.get(id);
    if (first !== undefined) {
      throw new UserError(
        `invalid emulator seed ${source}: ${path}.id: duplicate id "${id}" (first at ${first})`,
      );
    }
    seen.set(id, path);
  };
  const visit = (nodes: readonly SeedNode[], path: string) =>
    nodes.forEach((n, i) => {
      claim(n.id, `${path}[${i}]`);
      if ("group" in n) visit(n.children, `${path}[${i}].children`);
    });
  seed.processes.forEach((p, i) => {
    claim(p.id, `processes[${i}]`);
    if (p.run) {
      claim(p.run.id, `processes[${i}].run`);
      visit(p.run.children, `processes[${i}].run.children`);
    }
  });
}

/** Builds the store from a (validated) seed. */
export function buildStore(seed: EmulatorSeed, now: () => number): EmulatorStore {
  const store = new EmulatorStore(now);
  const at = now();
  for (const p of seed.processes) store.claimId(p.id);
  for (const p of seed.processes) {
    const run = p.run;
    store.processes.set(p.id, {
      id: p.id,
      name: p.name,
      dueDate: p.dueDate,
      businessStartDate: p.businessStartDate,
      businessDaysOfWeek: p.businessDaysOfWeek,
      created: at,
      modified: at,
      currentRunId: run?.id,
      template: p.template
        ? { parallel: p.template.parallel ?? false, children: p.template.children }
        : undefined,
    });
    if (run) addSeededRun(store, p.id, p.name, run, at);
  }
  return store;
}

function addSeededRun(
  store: EmulatorStore,
  processId: string,
  name: string,
  seed: SeedRun,
  at: number,
): void {
  store.claimId(seed.id);
  const created = seed.created ? Date.parse(seed.created) : at;
  const status = seed.status ?? "running";
  const explicit = new Set<string>();
  const run = createRun(store, {
    id: seed.id,
    processId,
    name,
    status,
    created,
    parallel: seed.parallel ?? false,
  });
  addNodes(store, run, run.root, seed.children, { fresh: false, explicit });
  startEligible(run.root, (node) => !explicit.has(node.id));
  store.runs.set(run.id, run);
}
