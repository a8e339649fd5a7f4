import { z } from "zod";
import { manifestSchema } from "./manifest-schema.js";

/**
 * The JSON Schema (draft-07, which yaml-language-server and most editors support) of one
 * manifest document, generated from the zod schema so the two never disagree. Input side:
 * defaulted fields such as `triggerType` are optional.
 */
export function manifestJsonSchema(): object {
  return z.toJSONSchema(manifestSchema, { io: "input", target: "draft-7" });
}

/** `jobsync schema`'s output and the committed schema/jobsync.schema.json: 2-space JSON + newline. */
export function manifestJsonSchemaText(): string {
  return `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
}
