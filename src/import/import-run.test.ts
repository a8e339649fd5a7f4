import { describe, expect, it } from "vitest";
import { sourceLabel } from "./import-run.js";
import { manifestName } from "./run-to-manifest.js";
import { defaultSchemaRef } from "./schema-ref.js";

describe("sourceLabel", () => {
  it("drops credentials, query and fragment", () => {
    expect(sourceLabel("https://user:secret@api.example.test/base/?token=abc#x")).toBe(
      "https://api.example.test/base",
    );
    expect(sourceLabel("not a url")).toBe("(unparsable API base URL)");
  });
});

describe("manifestName", () => {
  const run = (name?: string) =>
    ({
      id: "run-1",
      name,
      root: { kind: "group", id: "r", name: "", children: [] },
      fingerprint: "f",
    }) as const;
  it("slugs the run name, else uses the run id", () => {
    expect(manifestName(run("Überprüfung — Q4 2025!"))).toBe("uberprufung-q4-2025");
    expect(manifestName(run("!!!"))).toBe("run-1");
    expect(manifestName(run())).toBe("run-1");
  });
});

describe("defaultSchemaRef", () => {
  it("is the schema path relative to the manifest folder", () => {
    expect(defaultSchemaRef("/p/manifests", "/p/node_modules/jobsync/schema/jobsync.schema.json")).toBe(
      "../node_modules/jobsync/schema/jobsync.schema.json",
    );
    expect(defaultSchemaRef("/p", "/p/node_modules/jobsync/schema/jobsync.schema.json")).toBe(
      "./node_modules/jobsync/schema/jobsync.schema.json",
    );
  });
});
