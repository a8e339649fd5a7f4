/** The progress fold: counts, created parts in insertion order, in-flight insertions, no double count. */
import { describe, expect, it } from "vitest";
import { createdSoFar, createProgressFold } from "./apply-progress.js";
import type { ApplyEvent } from "./apply-types.js";

const explain = { where: "end", group: { kind: "group", id: "root", label: "" }, groupPath: [] } as const;
const start = (runId: string, index: number): ApplyEvent => ({
  type: "insertion-start",
  runId,
  index,
  of: 3,
  titles: [`T${index}`],
  explain,
});
const done = (runId: string, index: number, ids: string[], requests = 1): ApplyEvent => ({
  type: "insertion-done",
  runId,
  index,
  of: 3,
  createdIds: ids,
  ms: 5,
  adopted: false,
  requests,
});

describe("createProgressFold", () => {
  it("counts finished insertions, job runs and requests, and lists what is in flight", () => {
    const fold = createProgressFold();
    for (const e of [
      { type: "apply-start", runs: 2, insertions: 3, jobs: 4, parallelism: 2 } as const,
      start("r1", 2),
      start("r1", 1),
      start("r2", 1),
      done("r1", 2, ["b"], 2),
    ])
      fold.add(e);
    expect(fold.progress()).toMatchObject({ total: 3, done: 1, runs: 2, created: 1, requests: 2 });
    expect(fold.progress().inFlight).toEqual(["r1 insertion 1/3", "r2 insertion 1/3"]);
    expect(fold.progress().current).toEqual({ runId: "r2", index: 1, of: 3 });
    const failed: ApplyEvent = {
      type: "insertion-failed",
      runId: "r1",
      index: 1,
      of: 3,
      status: 500,
      message: "boom",
      outcome: "unverified",
      createdIds: ["a"],
      createdTitles: ["T1"],
      ms: 5,
      requests: 1,
    };
    fold.add(failed);
    fold.add({ type: "verify-failed", runId: "r1", message: "read failed" });
    const p = fold.progress();
    expect(p).toMatchObject({ done: 2, created: 2, requests: 3, verified: 1 });
    expect(p.inFlight).toEqual(["r2 insertion 1/3"]);
    // Parts in insertion order, whichever finished first; titles from the start event or the failure.
    expect(createdSoFar(p)).toEqual([{ runId: "r1", jobRunIds: ["a", "b"], titles: ["T1", "T2"] }]);
  });

  it("a second report of one insertion replaces the first rather than adding to it", () => {
    const fold = createProgressFold();
    fold.add(start("r1", 1));
    fold.add(done("r1", 1, ["a"]));
    fold.add(done("r1", 1, ["a", "b"]));
    expect(fold.progress().created).toBe(2);
    expect(createdSoFar(fold.progress())[0]?.jobRunIds).toEqual(["a", "b"]);
  });
});
