import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseManifestText } from "./parse-manifest-text.js";

const header = "apiVersion: jobsync/v1\nkind: JobRuns\n";

describe("parseManifestText: DesiredState", () => {
  it("normalises entries: shorthands expanded, triggerType defaulted, args exactly as written", () => {
    const text = `${header}metadata: { name: q4 }
target:
  processRun: run-1
jobs:
  - ref: { title: Kickoff }
  - sendTask:
      title: Review
      assignee: user123
      dueDate: 2024-12-15
  - group: Approvals
    jobs:
      - contentRequest:
          title: CR
          assignee: { id: team, type: group }
          approver: manager456
          document: doc1
        triggerType: manual
  - group: { id: grp-2 }
    jobs:
      - ref: { id: jr-1 }
      - certification: { title: Cert }
`;
    const { manifests, diagnostics } = parseManifestText(text, "m/q4.yaml");
    expect(diagnostics).toEqual([]);
    expect(manifests).toEqual([
      {
        name: "q4",
        target: { type: "processRun", id: "run-1" },
        source: { file: "m/q4.yaml", line: 1, col: 1 },
        targetSource: { file: "m/q4.yaml", line: 4, col: 1 },
        jobs: [
          { kind: "ref", by: { title: "Kickoff" }, source: { file: "m/q4.yaml", line: 7, col: 5 } },
          {
            kind: "job",
            action: "sendTask",
            title: "Review",
            args: { title: "Review", assignee: { id: "user123", type: "user" }, dueDate: "2024-12-15" },
            triggerType: "whenEligible",
            source: { file: "m/q4.yaml", line: 8, col: 5 },
          },
          {
            kind: "group",
            by: { name: "Approvals" },
            source: { file: "m/q4.yaml", line: 12, col: 5 },
            jobs: [
              {
                kind: "job",
                action: "contentRequest",
                title: "CR",
                args: {
                  title: "CR",
                  assignee: { id: "team", type: "group" },
                  approver: { id: "manager456", type: "user" },
                  document: "doc1",
                },
                triggerType: "manual",
                source: { file: "m/q4.yaml", line: 14, col: 9 },
              },
            ],
          },
          {
            kind: "group",
            by: { id: "grp-2" },
            source: { file: "m/q4.yaml", line: 20, col: 5 },
            jobs: [
              { kind: "ref", by: { id: "jr-1" }, source: { file: "m/q4.yaml", line: 22, col: 9 } },
              {
                kind: "job",
                action: "certification",
                title: "Cert",
                args: { title: "Cert" },
                triggerType: "whenEligible",
                source: { file: "m/q4.yaml", line: 23, col: 9 },
              },
            ],
          },
        ],
      },
    ]);
  });

  it("reads the three target forms and several documents, skipping empty ones", () => {
    const text = [
      `${header}target: { processRun: r1 }\njobs: []`,
      "",
      "# only a comment",
      `${header}target: { process: { id: p1 } }\njobs: []`,
      `${header}target:\n  process:\n    name: Q4 Close\njobs: []`,
    ].join("\n---\n");
    const { manifests, diagnostics } = parseManifestText(text, "x.yaml");
    expect(diagnostics).toEqual([]);
    expect(manifests.map((m) => m.target)).toEqual([
      { type: "processRun", id: "r1" },
      { type: "processId", id: "p1" },
      { type: "processName", name: "Q4 Close" },
    ]);
    expect(manifests.map((m) => m.source.line)).toEqual([1, 10, 15]);
  });

  it("accepts an empty file", () => {
    expect(parseManifestText("", "e.yaml")).toEqual({
      manifests: [],
      pending: [],
      calendars: [],
      diagnostics: [],
    });
    expect(parseManifestText("# nothing\n", "e.yaml")).toEqual({
      manifests: [],
      pending: [],
      calendars: [],
      diagnostics: [],
    });
  });

  it("keeps the valid documents of a file and reports the bad ones", () => {
    const text = `${header}target: { processRun: r1 }\njobs: []\n---\n${header}target: { processRun: r2 }\njobs: 3\n`;
    const { manifests, diagnostics } = parseManifestText(text, "x.yaml");
    expect(manifests.map((m) => m.target)).toEqual([{ type: "processRun", id: "r1" }]);
    expect(diagnostics).toEqual([
      {
        severity: "error",
        file: "x.yaml",
        line: 9,
        col: 7,
        message: "jobs: expected a list of entries, got 3",
      },
    ]);
  });
});

describe("parseManifestText: property", () => {
  const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
  const title = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,20}[A-Za-z0-9]$/);
  const principal = fc.oneof(id, fc.record({ id, type: fc.constantFrom("user", "group") }));
  const sendTask = fc.record(
    {
      title,
      assignee: principal,
      dueDate: fc.constantFrom("2024-02-29", "2025-12-31"),
      instructions: fc.string(),
    },
    { requiredKeys: ["title", "assignee"] },
  );

  it("round-trips any list of distinct sendTasks: args are what was written, shorthands expanded", () => {
    fc.assert(
      fc.property(fc.uniqueArray(sendTask, { selector: (t) => t.title, maxLength: 8 }), (tasks) => {
        const doc = {
          apiVersion: "jobsync/v1",
          kind: "JobRuns",
          target: { processRun: "r" },
          jobs: tasks.map((t) => ({ sendTask: t })),
        };
        const { manifests, diagnostics } = parseManifestText(stringify(doc), "p.yaml");
        expect(diagnostics).toEqual([]);
        const jobs = manifests[0]?.jobs ?? [];
        expect(jobs.map((j) => (j.kind === "job" ? j.args : undefined))).toEqual(
          tasks.map((t) => ({
            ...t,
            ...(t.assignee !== undefined
              ? { assignee: typeof t.assignee === "string" ? { id: t.assignee, type: "user" } : t.assignee }
              : {}),
          })),
        );
      }),
      { numRuns: 60 },
    );
  });
});
