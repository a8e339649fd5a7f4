import { readFileSync } from "node:fs";
import { z } from "zod";
import { UserError } from "../diagnostics/errors.js";
import type { SameShape } from "../input/type-equality.js";
import { DEFAULT_SEED_RUN_STATUS } from "./assumptions.js";
import { addNodes, createRun } from "./build-tree.js";
import type { EmulatorSeed, SeedGroupNode, SeedJobNode, SeedNode, SeedRun } from "./emulator-types.js";
import { startEligible } from "./status.js";
import { EmulatorStore } from "./store.js";

/** Seed files: validated with zod (errors name the JSON path), then turned into a store. */

const nonEmpty = z.string().min(1);

/** A zod error option: `message` when the value is missing, zod's own message otherwise. */
const whenMissing = (message: string) => ({
  error: (issue: { readonly input?: unknown }) => (issue.input === undefined ? message : undefined),
});

/** The keys only jobs have, and the keys only groups have (named in the messages). */
const JOB_ONLY_KEYS: readonly string[] = ["action", "args", "triggerType", "status"];
const GROUP_ONLY_KEYS: readonly string[] = ["children", "parallel", "readOnly"];

/**
 * A seed node: a group when it has `group`, else a job. Recursive, so typed by its annotation; the
 * member shapes are proved at the end of the file.
 */
const seedNodeSchema: z.ZodType<SeedNode> = z.unknown().transform((value, ctx): SeedNode => {
  const isGroup = isRecord(value) && value.group !== undefined;
  const misplaced = isGroup ? JOB_ONLY_KEYS : GROUP_ONLY_KEYS;
  const message = isGroup
    ? `not allowed on a group (it has "group")`
    : "not allowed on a job (only groups have it)";
  let input = value;
  if (isRecord(value) && misplaced.some((key) => value[key] !== undefined)) {
    const rest: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (misplaced.includes(key) && v !== undefined) {
        ctx.addIssue({ code: "custom", message, path: [key] });
      } else rest[key] = v;
    }
    input = rest;
  }
  const result = isGroup ? groupNodeSchema.safeParse(input) : jobNodeSchema.safeParse(input);
  for (const issue of result.error?.issues ?? []) {
    ctx.addIssue({ code: "custom", message: issue.message, path: [...issue.path] });
  }
  return result.success && ctx.issues.length === 0 ? result.data : z.NEVER;
});

const groupNodeSchema = z.strictObject({
  group: z.string(),
  id: nonEmpty,
  parallel: z.boolean().optional(),
  readOnly: z.boolean().optional(),
  children: z.array(seedNodeSchema, whenMissing("a group needs a children array")),
});

const jobNodeSchema = z.strictObject({
  id: nonEmpty,
  action: z.string(whenMissing('a node needs "action" (a job) or "group" (a group)')).min(1),
  args: z.record(z.string(), z.unknown(), whenMissing("a job needs an args object (its <action>Args)")),
  triggerType: nonEmpty.optional(),
  status: nonEmpty.optional(),
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const seedRunSchema = z.strictObject({
  id: nonEmpty,
  status: nonEmpty.optional(),
  children: z.array(seedNodeSchema),
  parallel: z.boolean().optional(),
  created: z.iso.datetime({ offset: true }).optional(),
});

const seedProcessSchema = z.strictObject({
  id: nonEmpty,
  name: nonEmpty,
  dueDate: z.iso.date().optional(),
  businessStartDate: z.iso.date().optional(),
  businessDaysOfWeek: z.array(z.string()).optional(),
  run: seedRunSchema.optional(),
  template: z
    .strictObject({ parallel: z.boolean().optional(), children: z.array(seedNodeSchema) })
    .optional(),
});

const seedSchema = z.strictObject({
  $schema: z.string().optional(),
  clients: z
    .array(z.strictObject({ clientId: nonEmpty, clientSecret: nonEmpty, scope: z.string().optional() }))
    .optional(),
  processes: z.array(seedProcessSchema),
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
  const seed: EmulatorSeed = result.data;
  checkUniqueIds(seed, source);
  return seed;
}

/** Reads and validates a seed JSON file. */
export function loadSeedFile(file: string): EmulatorSeed {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UserError(`cannot read seed file ${file}: ${errorCode(error) ?? error}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(
      `seed file ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return parseSeed(value, file);
}

/** The `code` of a Node.js system error (e.g. `ENOENT`), when it has one. */
function errorCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
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
  const status = seed.status ?? DEFAULT_SEED_RUN_STATUS;
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

/**
 * Compile-time proof that the seed schema and the `EmulatorSeed` type are the same shape at every
 * depth (keys, optional keys, property types): a field added to one and not the other fails `tsc`.
 */
const schemaMatchesSeed: SameShape<z.output<typeof seedSchema>, EmulatorSeed> = true;
void schemaMatchesSeed;
const groupNodeMatches: SameShape<z.output<typeof groupNodeSchema>, SeedGroupNode> = true;
void groupNodeMatches;
const jobNodeMatches: SameShape<z.output<typeof jobNodeSchema>, SeedJobNode> = true;
void jobNodeMatches;
