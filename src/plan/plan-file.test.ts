import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DiagnosticsError, UserError } from "../diagnostics/errors.js";
import { parsePlan, readSavedPlan, serializePlan } from "./plan-file.js";
import type { Plan } from "./plan-types.js";

const samplePlan: Plan = {
  formatVersion: 2,
  targets: [],
  summary: {
    create: 2,
    requests: 1,
    processRuns: 1,
    inSync: 0,
    drift: 1,
    outOfOrder: 0,
    unmanaged: 3,
    duplicates: 0,
  },
  processRuns: [
    {
      id: "run-1",
      name: "Q4 Close",
      fingerprint: "sha256:abc",
      desired: "sha256:d",
      manifests: [{ file: "manifests/q4.yaml", name: "q4" }],
      insertions: [
        {
          parentGroupId: null,
          relativeSiblingId: "job-1",
          before: false,
          jobs: [
            {
              action: "sendTask",
              arguments: {
                type: "sendTask",
                sendTaskArgs: { title: "A", assignee: { id: "u1", type: "user" } },
              },
              triggerType: "whenEligible",
              source: { file: "manifests/q4.yaml", line: 9 },
              startsAtOnce: false,
            },
            {
              action: "contentRequest",
              arguments: { type: "contentRequest", contentRequestArgs: { title: "B" } },
              triggerType: "whenEligible",
              source: { file: "manifests/q4.yaml", line: 14 },
              startsAtOnce: false,
            },
          ],
          explain: {
            where: "after",
            sibling: { kind: "job", id: "job-1", label: "Kickoff" },
            group: { kind: "group", id: "root", label: "" },
            groupPath: [],
          },
        },
      ],
      drift: [
        {
          jobRunId: "job-2",
          action: "sendTask",
          title: "Review",
          groupPath: [],
          changes: [{ field: "document", manifest: "d1", live: undefined }],
          source: { file: "manifests/q4.yaml", line: 20 },
        },
      ],
      outOfOrder: [],
      unmanaged: 3,
      duplicates: [],
    },
  ],
};

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

describe("plan file", () => {
  it("round-trips and serializes as stable 2-space JSON with a trailing newline", () => {
    const text = serializePlan(samplePlan);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toMatch(
      /^\{\n {2}"formatVersion": 2,\n {2}"digest": "sha256:[0-9a-f]{64}",\n {2}"targets": \[\],\n/,
    );
    const parsed = parsePlan(text, "plan.json");
    expect(serializePlan(parsed)).toBe(text);
    expect(parsed.processRuns[0]!.insertions[0]!.jobs[0]!.arguments).toEqual(
      samplePlan.processRuns[0]!.insertions[0]!.jobs[0]!.arguments,
    );
  });

  it("writes keys in schema order whatever the object's key order", () => {
    const shuffled = JSON.parse(JSON.stringify(samplePlan), (_k, v) =>
      v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    ) as Plan;
    const keysOf = (text: string) =>
      [...text.matchAll(/"(\w+)":/g)].map((m) => m[1]).filter((k) => k !== "title");
    const reference = keysOf(serializePlan(samplePlan)).filter(
      (k) => !["id", "type", "sendTaskArgs"].includes(k!),
    );
    const other = keysOf(serializePlan(shuffled)).filter((k) => !["id", "type", "sendTaskArgs"].includes(k!));
    expect(other).toEqual(reference);
  });

  it("refuses a non-JSON file with a UserError", () => {
    const error = thrown(() => parsePlan("not json", "plan.json"));
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/^plan\.json is not a jobsync plan: not valid JSON/);
  });

  it("names newer and older format versions", () => {
    const newer = thrown(() => parsePlan(JSON.stringify({ ...samplePlan, formatVersion: 3 }), "p.json"));
    expect((newer as UserError).message).toBe(
      "p.json was made by a newer jobsync (plan format 3; this jobsync reads format 2)",
    );
    const older = thrown(() => parsePlan(JSON.stringify({ ...samplePlan, formatVersion: 0 }), "p.json"));
    expect((older as UserError).message).toMatch(/made by an older jobsync/);
    const none = thrown(() => parsePlan("[]", "p.json"));
    expect((none as UserError).message).toMatch(/not a jobsync plan/);
  });

  it("reports a malformed plan as diagnostics with JSON paths", () => {
    const broken = JSON.parse(serializePlan(samplePlan));
    broken.processRuns[0].insertions[0].before = "yes";
    delete broken.processRuns[0].fingerprint;
    const error = thrown(() => parsePlan(JSON.stringify(broken), "p.json"));
    expect(error).toBeInstanceOf(DiagnosticsError);
    const messages = (error as DiagnosticsError).diagnostics.map((d) => `${d.file}: ${d.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^p\.json: malformed plan: processRuns\[0\]\.fingerprint: /),
      expect.stringMatching(/^p\.json: malformed plan: processRuns\[0\]\.insertions\[0\]\.before: /),
    ]);
  });

  it("refuses a file whose JSON is null or not an object, naming what was expected", () => {
    for (const text of ["null", "42", '"plan"']) {
      const error = thrown(() => parsePlan(text, "p.json"));
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toBe("p.json is not a jobsync plan (expected a JSON object)");
    }
  });

  it("refuses a job whose arguments lack `type`, with the JSON path of the job", () => {
    const broken = JSON.parse(serializePlan(samplePlan));
    delete broken.processRuns[0].insertions[0].jobs[0].arguments.type;
    const error = thrown(() => parsePlan(JSON.stringify(broken), "p.json"));
    expect(error).toBeInstanceOf(DiagnosticsError);
    const messages = (error as DiagnosticsError).diagnostics.map((d) => `${d.file}: ${d.message}`);
    expect(messages).toEqual([
      expect.stringMatching(
        /^p\.json: malformed plan: processRuns\[0\]\.insertions\[0\]\.jobs\[0\]\.arguments\.type: /,
      ),
    ]);
  });

  it("refuses a plan whose summary does not match its runs", () => {
    const edited = { ...samplePlan, summary: { ...samplePlan.summary, create: 1 } };
    expect(thrown(() => parsePlan(JSON.stringify(edited), "p.json"))).toBeInstanceOf(DiagnosticsError);
  });

  it("refuses to apply a plan edited after it was written, and shows it as not intact", () => {
    const edited = JSON.parse(serializePlan(samplePlan));
    edited.processRuns[0].insertions[0].jobs[0].arguments.sendTaskArgs.title = "Something else";
    const text = JSON.stringify(edited);
    const error = thrown(() => parsePlan(text, "p.json"));
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(
      "p.json was changed after jobsync wrote it: its content does not match its digest",
    );
    expect(readSavedPlan(text, "p.json").intact).toBe(false);
    expect(readSavedPlan(serializePlan(samplePlan), "p.json").intact).toBe(true);
  });

  it("reads a format-1 file for show, and refuses it for apply", () => {
    const v1 = readFileSync(new URL("../../test/fixtures/plans-v1/full.json", import.meta.url), "utf8");
    const saved = readSavedPlan(v1, "old.json");
    expect(saved).toMatchObject({ formatVersion: 1, intact: false });
    expect(saved.plan.processRuns.length).toBeGreaterThan(0);
    expect(
      saved.plan.processRuns.flatMap((r) => r.insertions.flatMap((i) => i.jobs.map((j) => j.startsAtOnce))),
    ).not.toContain(true);
    const error = thrown(() => parsePlan(v1, "old.json"));
    expect((error as UserError).message).toBe(
      "old.json was made by an older jobsync (plan format 1); it can be shown but not applied",
    );
  });
});
