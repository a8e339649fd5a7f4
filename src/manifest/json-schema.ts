import { z } from "zod";
import { editorHintsFor, PROPERTY_HINTS } from "./editor-hints.js";
import { manifestSchema } from "./manifest-schema.js";

type JsonSchemaNode = Record<string, unknown>;

/**
 * Adds the editor keywords of `editor-hints.ts` to the node generated for a zod schema (a value
 * of `undefined` removes a keyword: `format: date` would repeat the date's message), and gives
 * every described node a `markdownDescription` (editors show that one when it is there).
 */
function addEditorKeywords(zodSchema: unknown, node: JsonSchemaNode): void {
  const hints = editorHintsFor(zodSchema as z.ZodType);
  for (const [key, value] of Object.entries(hints ?? {})) {
    if (value === undefined) delete node[key];
    else node[key] = value;
  }
  if (typeof node.description === "string" && node.markdownDescription === undefined)
    node.markdownDescription = node.description;
}

/**
 * Keywords for a node's properties (PROPERTY_HINTS) are applied once the whole schema is built:
 * until then a shared schema's property is not yet its `$ref`.
 */
function applyPropertyHints(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) applyPropertyHints(item);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  const node = value as JsonSchemaNode;
  const byName = node[PROPERTY_HINTS] as Record<string, JsonSchemaNode> | undefined;
  if (byName) {
    delete node[PROPERTY_HINTS];
    const properties = node.properties as Record<string, JsonSchemaNode> | undefined;
    // A `$ref`'s sibling keywords are ignored (draft-07): the reference goes inside an allOf.
    for (const [name, keywords] of Object.entries(byName)) {
      const property = properties?.[name];
      if (properties && property) properties[name] = { allOf: [property], ...keywords };
    }
  }
  for (const child of Object.values(node)) applyPropertyHints(child);
}

/**
 * The JSON Schema (draft-07, which yaml-language-server and most editors support) of one
 * manifest document, generated from the zod schema so the two never disagree. Input side:
 * defaulted fields such as `triggerType` are optional.
 */
export function manifestJsonSchema(): object {
  const schema = z.toJSONSchema(manifestSchema, {
    io: "input",
    target: "draft-7",
    override: (ctx) => addEditorKeywords(ctx.zodSchema, ctx.jsonSchema as JsonSchemaNode),
  });
  applyPropertyHints(schema);
  return schema;
}

/** `jobsync schema`'s output and the committed schema/jobsync.schema.json: 2-space JSON + newline. */
export function manifestJsonSchemaText(): string {
  return `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
}
