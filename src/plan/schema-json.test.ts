import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { JsonOut, writeBySchema } from "./schema-json.js";

const leaf = z.object({ kind: z.literal("leaf"), name: z.string(), note: z.string().optional() });
const tree: z.ZodType = z.object({
  kind: z.literal("tree"),
  id: z.string(),
  get children() {
    return z.array(z.union([leaf, tree]));
  },
});
const schema = z.object({
  version: z.literal(2),
  where: z.enum(["before", "end"]).nullable(),
  args: z.looseObject({ type: z.string() }),
  names: z.record(z.string(), z.string()).optional(),
  changes: z.array(z.object({ field: z.string(), live: z.unknown().optional() })),
  tree,
});

const written = (value: unknown, space: string) => {
  const chunks: string[] = [];
  const out = new JsonOut(space, (c) => chunks.push(c));
  writeBySchema(schema, out, value);
  out.flush();
  return chunks.join("");
};

const json = fc.jsonValue();
const key = fc.oneof(fc.string(), fc.constantFrom("type", "1", "0", "10", "toString", "x"));
const arbTree: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    fc.record({
      kind: fc.constant("leaf"),
      name: fc.string(),
      note: fc.option(fc.string(), { nil: undefined }),
    }),
    fc.record({
      kind: fc.constant("tree"),
      id: fc.string(),
      children: fc.array(tie("node"), { maxLength: 3 }),
    }),
  ),
})).node;
const value = fc.record(
  {
    version: fc.constant(2),
    where: fc.constantFrom("before", "end", null),
    args: fc.tuple(fc.dictionary(key, json), fc.string()).map(([rest, type]) => ({ ...rest, type })),
    names: fc.dictionary(key, fc.string()),
    changes: fc.array(fc.record({ field: fc.string(), live: json }, { requiredKeys: ["field"] })),
    tree: arbTree.filter((t) => (t as { kind: string }).kind === "tree"),
    extra: json,
  },
  { requiredKeys: ["version", "where", "args", "changes", "tree"] },
);

describe("writeBySchema", () => {
  it("writes what JSON.stringify writes of the parsed copy, compact and indented", () => {
    fc.assert(
      fc.property(value, fc.constantFrom("", "  "), (v, space) => {
        const parsed = schema.parse(v);
        expect(written(v, space)).toBe(JSON.stringify(parsed, undefined, space));
      }),
      { numRuns: 300 },
    );
  });

  it("leaves out a record's own __proto__ key, as the parsed copy does (fast-check seed 1705548165)", () => {
    const v = {
      version: 2,
      where: "before",
      args: { type: "" },
      names: JSON.parse('{"__proto__":"","a":"b"}'),
      changes: [],
      tree: { kind: "tree", id: "", children: [] },
    };
    expect(written(v, "")).toBe(JSON.stringify(schema.parse(v)));
    expect(written(v, "")).toContain('"names":{"a":"b"}');
  });

  it("puts known keys first in schema order, integer-like keys first of all, and drops unknown keys", () => {
    const v = {
      tree: { children: [], id: "t", kind: "tree" },
      changes: [],
      args: { z: 1, type: "a", 2: true },
      where: null,
      version: 2,
      stray: 1,
    };
    expect(written(v, "")).toBe(
      '{"version":2,"where":null,"args":{"2":true,"type":"a","z":1},"changes":[],"tree":{"kind":"tree","id":"t","children":[]}}',
    );
  });

  it("refuses a schema kind it cannot order", () => {
    const out = new JsonOut("", () => undefined);
    expect(() => writeBySchema(z.string().default("x"), out, "x")).toThrow(/cannot write a zod default/);
  });
});
