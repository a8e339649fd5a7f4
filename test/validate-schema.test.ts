import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import { manifestJsonSchema, manifestJsonSchemaText } from "../src/manifest/json-schema.js";
import { memoryIO } from "./helpers/memory-io.js";

const committed = fileURLToPath(new URL("../schema/jobsync.schema.json", import.meta.url));

describe("jobsync schema", () => {
  it("prints the JSON Schema generated from the zod schema (2-space JSON and a newline)", async () => {
    const io = memoryIO();
    expect(await runCli(["schema"], io)).toBe(0);
    expect(io.out()).toBe(manifestJsonSchemaText());
    expect(io.out()).toBe(`${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
  });

  it("matches the committed schema/jobsync.schema.json (regenerate with `jobsync schema > schema/jobsync.schema.json`)", () => {
    expect(readFileSync(committed, "utf8")).toBe(manifestJsonSchemaText());
  });

  it("is a draft-07 schema that editors can use: strict objects, described fields, the three entry kinds", () => {
    const schema = manifestJsonSchema() as Record<string, unknown>;
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["apiVersion", "kind", "jobs"]);
    expect(schema.oneOf).toEqual([{ required: ["target"] }, { required: ["targets"] }]);
    const text = JSON.stringify(schema);
    for (const key of [
      "sendTask",
      "contentRequest",
      "certification",
      "ref",
      "group",
      "triggerType",
      "forEach",
      "targets",
      "vars",
      "calendar",
    ]) {
      expect(text).toContain(`"${key}"`);
    }
    expect(text).not.toContain('"format":"date"'); // its message would repeat the pattern's
    expect(text).toContain('"patternErrorMessage":"Expected a date as YYYY-MM-DD');
    expect(text).toContain('"default":"whenEligible"');
  });
});

describe("the sample manifests in manifests/", () => {
  it("are valid: 3 manifests and a template with 2 targets, 14 jobs written out", async () => {
    const io = memoryIO({ cwd: fileURLToPath(new URL("./fixtures/manifests/", import.meta.url)) });
    const code = await runCli(["validate", "--manifests", "../../../manifests"], io);
    expect(io.err()).toBe("");
    expect(io.out()).toBe(
      "5 manifests in 4 files are valid (14 job entries, and 2 template targets whose jobs are computed from the API when planning).\n",
    );
    expect(code).toBe(0);
  });
});
