import { describe, expect, it } from "vitest";
import type { ApplyEvent, ApplyResult } from "../apply/apply-types.js";
import {
  renderApplyEventJson,
  renderApplySummaryJson,
  renderNoChangesJson,
  renderPlanLine,
} from "./apply-json.js";
import {
  applyCompleteLine,
  durationWords,
  RERUN_SAFE_LINE,
  renderApplyEvent,
  renderApplySummary,
  renderProgressLine,
} from "./apply-text.js";

const kickoff = {
  where: "after" as const,
  sibling: { kind: "job" as const, id: "jr-kickoff", label: "Kickoff" },
  group: { kind: "group" as const, id: "root", label: "" },
  groupPath: [],
};

/** The events of an apply where one insertion is rejected and one is adopted after a 500. */
const EVENTS: ApplyEvent[] = [
  { type: "apply-start", runs: 2, insertions: 3, jobs: 4, parallelism: 4 },
  {
    type: "insertion-start",
    runId: "run-q4close",
    index: 1,
    of: 2,
    titles: ["Review", "Archive"],
    explain: kickoff,
  },
  {
    type: "insertion-start",
    runId: "run-vendor",
    index: 1,
    of: 1,
    titles: ["Collect W-9"],
    explain: {
      where: "end",
      group: { kind: "group", id: "grp-a", label: "Approvals" },
      groupPath: ["Approvals"],
    },
  },
  {
    type: "reconcile",
    runId: "run-q4close",
    index: 1,
    of: 2,
    status: 500,
    message: "the server failed (HTTP 500)",
    found: 2,
    missing: 0,
  },
  {
    type: "insertion-done",
    runId: "run-q4close",
    index: 1,
    of: 2,
    createdIds: ["jr_12", "jr_13"],
    ms: 412,
    adopted: true,
    requests: 1,
  },
  {
    type: "retry",
    runId: "run-vendor",
    index: 1,
    of: 1,
    attempt: 2,
    delayMs: 500,
    jobs: 1,
    reason: "HTTP 503",
  },
  {
    type: "heartbeat",
    elapsedMs: 70_000,
    done: 1,
    total: 3,
    waitingFor: { reason: "rate-limit", remainingMs: 3_000 },
  },
  {
    type: "insertion-failed",
    runId: "run-vendor",
    index: 1,
    of: 1,
    status: 400,
    message: "Bad assignee",
    outcome: "rejected",
    createdIds: [],
    createdTitles: [],
    ms: 12_400,
    requests: 1,
  },
  { type: "run-skipped", runId: "run-q4close", reason: "interrupted", insertions: 1, indexes: [2] },
  { type: "interrupted", inFlight: 1 },
];

const FAILED: ApplyResult = {
  created: [{ runId: "run-q4close", jobRunIds: ["jr_12", "jr_13"], titles: ["Review", "Archive"] }],
  createdCount: 2,
  requests: 3,
  failed: [
    {
      runId: "run-vendor",
      index: 1,
      of: 1,
      titles: ["Collect W-9"],
      status: 400,
      message: "Bad assignee",
      outcome: "rejected",
    },
  ],
  notAttempted: [{ runId: "run-q4close", index: 2, of: 2, titles: ["Publish"], reason: "interrupted" }],
  interrupted: true,
  verified: [],
  unverifiedRuns: [],
  planned: { jobs: 4, requests: 3, runs: 2 },
  olderDuplicates: [
    {
      runId: "run-q4close",
      action: "sendTask",
      title: "Collect trial balance",
      jobRunIds: ["jr-collect-tb", "jr-collect-tb-2"],
      source: { file: "manifests/q4-close.yaml", line: 14 },
    },
  ],
};

const OK: ApplyResult = {
  created: [{ runId: "run-q4close", jobRunIds: ["jr_1"], titles: ["Review"] }],
  createdCount: 1,
  requests: 1,
  failed: [],
  notAttempted: [],
  interrupted: false,
  verified: [],
  unverifiedRuns: [],
  planned: { jobs: 1, requests: 1, runs: 1 },
  olderDuplicates: [],
};

describe("apply text", () => {
  it("renders events and a failure summary (golden)", async () => {
    const lines = EVENTS.map((e) => renderApplyEvent(e, { color: false })).filter((l) => l !== undefined);
    const text = `${lines.join("\n")}\n\n${renderApplySummary(FAILED, { color: false })}`;
    await expect(text).toMatchFileSnapshot("../../test/golden/apply/events-and-failure.txt");
  });

  it("ends a successful apply with exactly the complete line", () => {
    expect(renderApplySummary(OK, { color: false })).toBe(
      "Apply complete! Job runs: 1 created in 1 request.\n",
    );
    expect(applyCompleteLine({ ...OK, createdCount: 8, requests: 5 })).toBe(
      "Apply complete! Job runs: 8 created in 5 requests.",
    );
  });

  it("always ends a failure with the re-run line, and lists what was created", () => {
    const text = renderApplySummary({ ...FAILED, interrupted: false, notAttempted: [] }, { color: false });
    expect(text.startsWith("Apply failed: 1 insertion of 3 failed.")).toBe(true);
    expect(text.trimEnd().endsWith(RERUN_SAFE_LINE)).toBe(true);
    expect(text).toContain("run-q4close: 2 job runs [jr_12, jr_13]");
    expect(text).toContain("HTTP 400: Bad assignee");
  });

  it("says when nothing was created", () => {
    const text = renderApplySummary({ ...FAILED, created: [], createdCount: 0 }, { color: false });
    expect(text).toContain("Created: nothing.");
  });

  it("colours only when asked", () => {
    expect(renderApplySummary(OK, { color: true })).toContain("\u001b[");
  });

  it("warns of duplicates older than this apply and still completes, the success line last", () => {
    const older = { ...OK, olderDuplicates: FAILED.olderDuplicates };
    expect(renderApplySummary(older, { color: false })).toBe(
      [
        "Warning: duplicates older than this apply were left as they are (the API cannot delete job runs; remove the extra ones in Workiva):",
        '  run-q4close: sendTask "Collect trial balance" [jr-collect-tb, jr-collect-tb-2] (manifests/q4-close.yaml:14)',
        "",
        "Apply complete! Job runs: 1 created in 1 request.",
        "",
      ].join("\n"),
    );
    for (const e of EVENTS) expect(renderApplyEvent(e, { color: false }) ?? "").not.toContain("\u001b[");
  });

  it("escapes titles and ids from the API", () => {
    const line = renderApplyEvent(
      {
        type: "insertion-done",
        runId: "run\u001b[31m",
        index: 1,
        of: 1,
        createdIds: ["a b"],
        ms: 1,
        adopted: false,
        requests: 1,
      },
      { color: false },
    );
    expect(line).not.toContain("\u001b");
    expect(line).toContain('["a b"]');
  });

  it("words durations and the progress line", () => {
    expect([durationWords(412), durationWords(12_400), durationWords(70_000)]).toEqual([
      "0.4s",
      "12s",
      "1m10s",
    ]);
    expect(renderProgressLine({ done: 3, total: 8, created: 7, elapsedMs: 4200 })).toBe(
      "Applying: 3/8 insertions, 7 job runs created, 4.2s",
    );
  });
});

describe("apply json", () => {
  it("writes one parseable object per line with a type", () => {
    const text = [
      renderPlanLine({
        formatVersion: 2,
        targets: [],
        summary: {
          create: 0,
          requests: 0,
          processRuns: 0,
          inSync: 0,
          drift: 0,
          outOfOrder: 0,
          unmanaged: 0,
          duplicates: 0,
        },
        processRuns: [],
      }),
      ...EVENTS.map(renderApplyEventJson),
      renderApplySummaryJson(FAILED),
      renderApplySummaryJson(OK),
      renderNoChangesJson(),
    ].join("");
    const objects = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string });
    expect(objects.map((o) => o.type)).toEqual([
      "plan",
      ...EVENTS.map((e) => e.type),
      "summary",
      "summary",
      "summary",
    ]);
    expect(objects.at(-2)).toMatchObject({
      ok: true,
      message: "Apply complete! Job runs: 1 created in 1 request.",
    });
    expect(objects.at(-3)).toMatchObject({ ok: false, createdCount: 2, failed: [{ status: 400 }] });
  });
});
