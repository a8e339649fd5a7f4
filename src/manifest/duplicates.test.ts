/**
 * Duplicate identities in one group that the bad-manifest fixtures do not cover: two
 * `ref: { title }` entries with the same title, and two `group: { id }` entries with the same id.
 */
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../diagnostics/diagnostic.js";
import { parseManifestText } from "./parse-manifest-text.js";

const header = "apiVersion: jobsync/v1\nkind: JobRuns\ntarget: { processRun: run-1 }\n";

function errors(jobs: string): string[] {
  const { diagnostics } = parseManifestText(`${header}jobs:\n${jobs}`, "m/dup.yaml");
  return diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic);
}

describe("duplicate entries in one group", () => {
  it("two refs by the same title are an error at the second", () => {
    expect(errors("  - ref: { title: Kickoff }\n  - ref: { title: Kickoff }\n")).toEqual([
      'm/dup.yaml:6:10: jobs[1]: duplicate entry: ref { title: "Kickoff" } is already listed at line 5 in the same group (list it once)',
    ]);
  });

  it("two groups by the same id are an error at the second, also inside a group", () => {
    const jobs = [
      "  - group: Outer",
      "    jobs:",
      "      - group: { id: g-1 }",
      "        jobs: []",
      "      - group: { id: g-1 }",
      "        jobs: []",
      "",
    ].join("\n");
    expect(errors(jobs)).toEqual([
      "m/dup.yaml:9:16: jobs[0].jobs[1]: duplicate entry: group { id: g-1 } is already listed at line 7 in the same group (list it once)",
    ]);
  });

  it("the same title or id in different groups, or a ref title equal to a ref id, is not a duplicate", () => {
    const jobs = [
      "  - ref: { title: x }",
      "  - ref: { id: x }",
      "  - group: { id: g-1 }",
      "    jobs:",
      "      - ref: { title: x }",
      "  - group: A",
      "    jobs:",
      "      - group: { id: g-2 }",
      "        jobs: []",
      "  - group: { id: g-2 }",
      "    jobs: []",
      "",
    ].join("\n");
    expect(errors(jobs)).toEqual([]);
  });
});
