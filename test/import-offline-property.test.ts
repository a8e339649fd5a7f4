import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument, visit } from "yaml";
import type { LiveGroupRun, LiveJobRun, LiveNode, LiveRun } from "../src/api/live-types.js";
import { runToManifest } from "../src/import/run-to-manifest.js";
import { NO_PROBLEMS, planImportedText, roundTripProblems } from "./helpers/plan-imported.js";

/**
 * The round trip without HTTP, so it can afford many runs and arbitrary text: any title, group
 * name, run name and argument value (any Unicode, YAML-significant characters, line breaks)
 * must give a manifest that validates and plans to no changes against the same LiveRun.
 * The emulator round trip (import-roundtrip.test.ts) covers the client's reading of the run.
 */

const anyText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.constantFrom(
    "",
    " ",
    "#",
    "- x",
    "a: b",
    "'",
    '"',
    "null",
    "~",
    "true",
    "0x1F",
    "1e3",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "2024",
    "012",
    "0o17",
    "1_000",
    "1:30",
    ".inf",
    "2025-01-15T00:00:00Z",
    "2025-1-5",
    "2025-02-30",
    "2025-03-01",
    "*ref",
    "&a",
    "|",
    "\t",
  ),
);
const anyValue = fc.oneof(
  anyText,
  fc.integer(),
  fc.constant(null),
  fc.record({ id: anyText, type: fc.constantFrom("user", "group", "team") }),
  fc.constantFrom("2025-01-31", "2024-02-29"),
);

const job: fc.Arbitrary<Omit<LiveJobRun, "id">> = fc.record({
  kind: fc.constant("job" as const),
  action: fc.constantFrom("sendTask", "contentRequest", "certification", "other", ""),
  title: fc.oneof(anyText, fc.constantFrom("Review", "Review")),
  args: fc.dictionary(
    fc.constantFrom(
      "assignee",
      "approver",
      "assigneeUser",
      "dueDate",
      "document",
      "section",
      "instructions",
      "x",
    ),
    anyValue,
    { maxKeys: 4 },
  ),
  triggerType: fc.oneof(fc.constant(undefined), fc.constant("whenEligible"), anyText),
  generated: fc.boolean(),
});

type DraftNode = Omit<LiveJobRun, "id"> | (Omit<LiveGroupRun, "id" | "children"> & { children: DraftNode[] });

const node: fc.Memo<DraftNode> = fc.memo((depth) =>
  depth <= 1
    ? job
    : fc.oneof(
        { weight: 3, arbitrary: job },
        {
          weight: 1,
          arbitrary: fc.record({
            kind: fc.constant("group" as const),
            name: fc.oneof(anyText, fc.constantFrom("Approvals", "Approvals")),
            readOnly: fc.boolean(),
            children: fc.array(node(depth - 1), { maxLength: 4 }),
          }),
        },
      ),
);

function withIds(drafts: readonly DraftNode[], next: { n: number }): LiveNode[] {
  return drafts.map((d): LiveNode => {
    const id = `n${next.n++}`;
    if (d.kind === "job") {
      const { triggerType, ...rest } = d;
      return triggerType === undefined ? { ...rest, id } : { ...rest, id, triggerType };
    }
    return { ...d, id, children: withIds(d.children, next) };
  });
}

const liveRun: fc.Arbitrary<LiveRun> = fc
  .record({ name: anyText, children: fc.array(node(3), { maxLength: 8 }) })
  .map(({ name, children }) => ({
    id: "run-1",
    name,
    status: "running",
    fingerprint: "fp",
    root: { kind: "group", id: "root", name: "", children: withIds(children, { n: 1 }) },
  }));

/**
 * Scalars a YAML 1.1 reader (the yaml library's 1.1 schema, standing in for PyYAML) would not
 * read as strings; plain `YYYY-MM-DD` dates are allowed (the manifest format writes dates so).
 */
function nonStringsUnderYaml11(text: string): string[] {
  const found: string[] = [];
  visit(parseDocument(text, { version: "1.1" }), {
    Scalar(_key, node) {
      if (typeof node.value === "string") return;
      const plainDate = node.type === "PLAIN" && /^\d{4}-\d{2}-\d{2}$/.test(node.source ?? "");
      if (!plainDate) found.push(String(node.source ?? node.value));
    },
  });
  return found;
}

describe("runToManifest round trip (offline, arbitrary text)", () => {
  it("validates and plans to no changes", () => {
    fc.assert(
      fc.property(liveRun, fc.boolean(), (run, byName) => {
        const text = runToManifest(run, {
          target: byName ? { processName: "Process #1: 'x'" } : { processRun: run.id },
          source: "https://api.example.test",
          schemaRef: "./jobsync.schema.json",
        });
        expect(roundTripProblems(planImportedText(text, run)), text).toEqual(NO_PROBLEMS);
        expect(nonStringsUnderYaml11(text), text).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
