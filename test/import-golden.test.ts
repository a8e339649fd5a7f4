import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { LiveRun } from "../src/api/live-types.js";
import { runToManifest } from "../src/import/run-to-manifest.js";
import { NO_PROBLEMS, planImportedText, roundTripProblems } from "./helpers/plan-imported.js";

/**
 * Golden files of `runToManifest` for hand-built live runs (test/fixtures/import/*.json), each
 * checked to validate and to plan to no changes against the run it came from.
 * UPDATE_GOLDEN=1 rewrites the golden files.
 */

const fixtures = new URL("./fixtures/import/", import.meta.url);
const golden = new URL("./golden/import/", import.meta.url);
const names = readdirSync(fixtures)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.replace(/\.json$/, ""))
  .sort();

function load(name: string): LiveRun {
  return JSON.parse(readFileSync(new URL(`${name}.json`, fixtures), "utf8")) as LiveRun;
}

const options = {
  source: "https://api.example.test",
  schemaRef: "../node_modules/jobsync/schema/jobsync.schema.json",
} as const;

describe("runToManifest golden files", () => {
  it("has fixtures", () => {
    expect(names).toEqual(["basic", "duplicates", "groups", "odd-values", "yaml11-strings"]);
  });

  for (const name of names) {
    describe(name, () => {
      const run = load(name);
      const text = runToManifest(run, { ...options, target: { processRun: run.id } });

      it("matches the golden file", () => {
        const file = new URL(`${name}.yaml`, golden);
        if (process.env.UPDATE_GOLDEN) writeFileSync(file, text);
        expect(text).toBe(readFileSync(file, "utf8"));
      });

      it("validates and plans to no changes against the run", () => {
        expect(roundTripProblems(planImportedText(text, run))).toEqual(NO_PROBLEMS);
      });

      it("is stable: the same run gives the same text", () => {
        const again = runToManifest(structuredClone(run), { ...options, target: { processRun: run.id } });
        expect(again).toBe(text);
      });
    });
  }
});
