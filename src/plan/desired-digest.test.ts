/**
 * The desired digest is stored in saved plans (formatVersion 2): its value for a given manifest
 * must not change between versions, or every saved plan would be refused as edited. Lines and
 * files do not count; every entry's kind and content does, nested groups included.
 */
import { describe, expect, it } from "vitest";
import { manifest, wantGroup, wantJob, wantRef } from "../../test/helpers/builders.js";
import { desiredDigest } from "./desired-digest.js";

const jobs = (inner = "Inner", line?: number) => [
  wantJob("A", { args: { dueDate: "2026-01-05" }, ...(line ? { line } : {}) }),
  wantRef({ title: "Kickoff" }),
  wantGroup("Approvals", [wantJob(inner)]),
];

describe("desiredDigest", () => {
  it("is stable: the same value for the same manifest, whatever its file and lines", () => {
    const digest = desiredDigest(manifest({ target: "run-1", jobs: jobs() }));
    expect(digest).toBe("sha256:5f1a5903ca56dbeabfb41807ad66214dcb188cd057711d60dc47b65ddd475fda");
    expect(
      desiredDigest(manifest({ target: "run-1", jobs: jobs("Inner", 40), file: "elsewhere.yaml" })),
    ).toBe(digest);
  });

  it("changes with any entry's content, nested ones included, and with the target", () => {
    const digest = desiredDigest(manifest({ target: "run-1", jobs: jobs() }));
    expect(desiredDigest(manifest({ target: "run-1", jobs: jobs("Other") }))).not.toBe(digest);
    expect(desiredDigest(manifest({ target: "run-2", jobs: jobs() }))).not.toBe(digest);
  });
});
