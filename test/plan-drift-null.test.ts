/**
 * Drift against live job runs whose fields are `null` (or a list where the manifest has an
 * object): the live run is read from the emulator over real HTTP, planned by the real planner;
 * such a field is drift with its live value, never a crash, and equal values in another key
 * order are not drift.
 */
import { describe, expect, it } from "vitest";
import { readLiveState } from "../src/api/read-live.js";
import type { EmulatorSeed } from "../src/emulator/emulator-types.js";
import { planChanges } from "../src/plan/planner.js";
import { desired, manifest, wantJob } from "./helpers/builders.js";
import { emulatorClient } from "./helpers/emulator-client.js";
import { startTestEmulator } from "./helpers/test-emulator.js";

const user = { id: "u1", type: "user" };
const SEED: EmulatorSeed = {
  processes: [
    {
      id: "proc-n",
      name: "Nulls",
      run: {
        id: "run-n",
        children: [
          { id: "j-null", action: "sendTask", args: { title: "Review", assignee: user, description: null } },
          { id: "j-list", action: "sendTask", args: { title: "Sign", assignee: [user] } },
          { id: "j-same", action: "sendTask", args: { title: "File", assignee: { type: "user", id: "u1" } } },
          { id: "j-tags", action: "sendTask", args: { title: "tag it", assignee: user, tags: ["a", "b"] } },
          { id: "j-keys", action: "sendTask", args: { title: "Keys", assignee: { id: "u1", kind: "user" } } },
        ],
      },
    },
  ],
};

async function planAgainstEmulator(jobs: Parameters<typeof manifest>[0]["jobs"]) {
  const emulator = await startTestEmulator({ seed: SEED });
  const client = emulatorClient(emulator.url);
  try {
    const state = desired(manifest({ target: "run-n", jobs }));
    const live = await readLiveState([{ type: "processRun", id: "run-n" }], client, { parallelism: 1 });
    const result = planChanges(state, live, { maxJobsPerRequest: 100 });
    expect(result.diagnostics).toEqual([]);
    return result.plan;
  } finally {
    await client.close();
  }
}

describe("drift against null and mismatched live fields", () => {
  it("reports a field that is null in the live run as drift with its live value", async () => {
    const description = { text: "Read it" };
    const plan = await planAgainstEmulator([
      wantJob("Review", { args: { assignee: user, description } }),
      wantJob("Sign", { args: { assignee: user } }),
      wantJob("File", { args: { assignee: user } }),
    ]);
    const run = plan.processRuns[0];
    expect(run?.insertions).toEqual([]);
    expect(run?.drift.map((d) => [d.jobRunId, d.changes])).toEqual([
      ["j-null", [{ field: "description", manifest: description, live: null }]],
      ["j-list", [{ field: "assignee", manifest: user, live: [user] }]],
    ]);
    expect(plan.summary.drift).toBe(2);
  });

  it("reports a manifest list against a live null, and a manifest null against a live object", async () => {
    const plan = await planAgainstEmulator([
      wantJob("Review", { args: { assignee: user, description: ["a"] } }),
      wantJob("File", { args: { assignee: null } }),
    ]);
    expect(plan.processRuns[0]?.drift.map((d) => [d.jobRunId, d.changes])).toEqual([
      ["j-null", [{ field: "description", manifest: ["a"], live: null }]],
      ["j-same", [{ field: "assignee", manifest: null, live: user }]],
    ]);
  });

  it("compares lists item by item and by length, objects by their keys", async () => {
    const plan = await planAgainstEmulator([
      wantJob("tag it", { args: { assignee: user, tags: ["a"] } }),
      wantJob("Keys", { args: { assignee: user } }),
    ]);
    expect(plan.processRuns[0]?.drift.map((d) => [d.jobRunId, d.changes])).toEqual([
      ["j-tags", [{ field: "tags", manifest: ["a"], live: ["a", "b"] }]],
      ["j-keys", [{ field: "assignee", manifest: user, live: { id: "u1", kind: "user" } }]],
    ]);
    const again = await planAgainstEmulator([
      wantJob("tag it", { args: { assignee: user, tags: ["a", "x"] } }),
    ]);
    expect(again.processRuns[0]?.drift.map((d) => d.changes)).toEqual([
      [{ field: "tags", manifest: ["a", "x"], live: ["a", "b"] }],
    ]);
  });
});
