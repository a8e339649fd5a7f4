import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import type { ProcessesClient } from "../src/api/client.js";
import { readLiveState } from "../src/api/read-live.js";
import type { EmulatorSeed, SeedNode } from "../src/emulator/emulator-types.js";
import { importRun } from "../src/import/import-run.js";
import { parseManifestText } from "../src/manifest/parse-manifest-text.js";
import { planChanges } from "../src/plan/planner.js";
import { emulatorClient } from "./helpers/emulator-client.js";
import { NO_PROBLEMS } from "./helpers/plan-imported.js";
import { startTestEmulator } from "./helpers/test-emulator.js";

/**
 * Round trip against the emulator over real HTTP: for random run trees, import -> the manifest
 * validates -> planning it against the same run shows no creates, no drift, no unmanaged job
 * runs and nothing out of order. The last tests show the check fails for an unfaithful import.
 */

const RUN_ID = "run-rt";
const PROCESS_NAME = "Round Trip Process";

// ---------- random run trees (ids are assigned afterwards) ----------

type DraftNode =
  | {
      readonly group: string;
      readonly readOnly: boolean;
      readonly parallel: boolean;
      readonly children: DraftNode[];
    }
  | { readonly action: string; readonly args: Record<string, unknown>; readonly triggerType?: string };

const title = fc.constantFrom(
  "Kickoff",
  "Review",
  "review",
  "Sign-off",
  "Close #1",
  "",
  "  ",
  "Prüfung",
  "a\nb",
  "true",
  "yes",
  "off",
  "2024",
);
const principal = fc.constantFrom<unknown>(
  { id: "user1", type: "user" },
  { id: "user2", type: "user" },
  { id: "grp1", type: "group" },
  { id: "team1", type: "team" },
  { id: "user3", type: "user", name: "Ann" },
  "bare-user",
);
const date = fc.constantFrom<unknown>(
  "2025-01-31",
  "2024-02-29",
  "2025-02-30",
  "2025-01-15T00:00:00Z",
  20250101,
);
const text = fc.constantFrom<unknown>("doc-1", "007", "", "Line one.\nLine two.", 42);

const args = fc.record(
  {
    title,
    assignee: principal,
    approver: principal,
    assigneeUser: text,
    dueDate: date,
    approverDueDate: date,
    document: text,
    section: text,
    instructions: text,
    permalink: text,
  },
  { requiredKeys: [] },
);

const job: fc.Arbitrary<DraftNode> = fc.record(
  {
    action: fc.constantFrom(
      "sendTask",
      "sendTask",
      "contentRequest",
      "certification",
      "certificationSignerGenerated",
      "approvalWorkflow",
    ),
    args,
    triggerType: fc.constantFrom("whenEligible", "manual"),
  },
  { requiredKeys: ["action", "args"] },
);

const node: fc.Memo<DraftNode> = fc.memo((depth) =>
  depth <= 1
    ? job
    : fc.oneof(
        { weight: 3, arbitrary: job },
        {
          weight: 1,
          arbitrary: fc.record({
            group: fc.constantFrom("Approvals", "Review", "Legal", ""),
            readOnly: fc.boolean(),
            parallel: fc.boolean(),
            children: fc.array(node(depth - 1), { maxLength: 4 }),
          }),
        },
      ),
);

const runTree = fc.array(node(3), { maxLength: 8 });

function withIds(drafts: readonly DraftNode[], next: { n: number }): SeedNode[] {
  return drafts.map((d) => {
    const id = `n${next.n++}`;
    return "group" in d ? { ...d, id, children: withIds(d.children, next) } : { ...d, id };
  });
}

function seedOf(children: SeedNode[]): EmulatorSeed {
  return {
    processes: [
      { id: "proc-rt", name: PROCESS_NAME, run: { id: RUN_ID, children } },
      { id: "proc-other", name: "Other", run: { id: "run-other", children: [] } },
    ],
  };
}

// ---------- the check ----------

interface RoundTrip {
  readonly text: string;
  readonly problems: Record<string, unknown>;
}

/** Runs `work` with a client of a fresh emulator seeded with `seed`; closes both after. */
async function withEmulator<T>(
  seed: EmulatorSeed,
  work: (client: ProcessesClient, url: string) => Promise<T>,
): Promise<T> {
  const emulator = await startTestEmulator({ seed, rateLimit: false });
  const client = emulatorClient(emulator.url, {
    timeoutMs: 10_000,
    credentials: { type: "clientCredentials", clientId: "rt-client", clientSecret: "rt-secret" },
    rateLimit: { requests: 10_000, perSeconds: 60 },
  });
  try {
    return await work(client, emulator.url);
  } finally {
    await client.close();
    await emulator.close();
  }
}

function importText(client: ProcessesClient, url: string, processName?: string): Promise<string> {
  return importRun(client, RUN_ID, {
    baseUrl: url,
    schemaRef: "./jobsync.schema.json",
    ...(processName === undefined ? {} : { processName }),
  }).then((imported) => imported.text);
}

/** Imports RUN_ID from a fresh emulator, optionally tampers with the text, then validates and plans it. */
function roundTrip(
  seed: EmulatorSeed,
  options: { processName?: string; tamper?: (text: string) => string } = {},
): Promise<RoundTrip> {
  return withEmulator(seed, async (client, url) => {
    const imported = await importText(client, url, options.processName);
    const text = options.tamper ? options.tamper(imported) : imported;
    const parsed = parseManifestText(text, "manifests/imported.yaml");
    const live = await readLiveState(
      parsed.manifests.map((m) => m.target),
      client,
      { parallelism: 2 },
    );
    const result = planChanges({ manifests: parsed.manifests }, live, { maxJobsPerRequest: 100 });
    const { create, drift, outOfOrder, unmanaged } = result.plan.summary;
    return {
      text,
      problems: {
        parseDiagnostics: parsed.diagnostics,
        planDiagnostics: result.diagnostics,
        create,
        drift,
        outOfOrder,
        unmanaged,
      },
    };
  });
}

/** Removes the entry at `path` (e.g. ["jobs", 0]) from the manifest text. */
function deleteEntry(path: (string | number)[]): (text: string) => string {
  return (text) => {
    const doc = parseDocument(text);
    doc.deleteIn(path);
    return doc.toString();
  };
}

function setIn(path: (string | number)[], value: unknown): (text: string) => string {
  return (text) => {
    const doc = parseDocument(text);
    doc.setIn(path, value);
    return doc.toString();
  };
}

const USER = { id: "u1", type: "user" } as const;

describe("jobsync import round trip (emulator)", () => {
  it("random runs: the import validates and plans to no changes", async () => {
    await fc.assert(
      fc.asyncProperty(runTree, fc.boolean(), async (drafts, byName) => {
        const seed = seedOf(withIds(drafts, { n: 1 }));
        const result = await roundTrip(seed, byName ? { processName: PROCESS_NAME } : {});
        expect(result.problems, result.text).toEqual(NO_PROBLEMS);
      }),
      { numRuns: 25 },
    );
  });

  it("is stable: importing the same run twice gives the same text", async () => {
    const seed = seedOf(withIds(fc.sample(runTree, { numRuns: 1, seed: 7 })[0] ?? [], { n: 1 }));
    const [first, second] = await withEmulator(seed, async (client, url) => [
      await importText(client, url),
      await importText(client, url),
    ]);
    expect(second).toBe(first);
  });

  describe("the check fails for an unfaithful import", () => {
    const seed = seedOf([
      { id: "j1", action: "sendTask", args: { title: "Kickoff", assignee: USER, dueDate: "2025-01-31" } },
      { id: "j2", action: "contentRequest", args: { title: "Fill in", assignee: USER, document: "doc-1" } },
      {
        group: "Approvals",
        id: "g1",
        children: [{ id: "j3", action: "sendTask", args: { title: "Sign", assignee: USER } }],
      },
    ]);

    it("passes untampered", async () => {
      expect((await roundTrip(seed)).problems).toEqual(NO_PROBLEMS);
    });

    it("a dropped job is unmanaged", async () => {
      const { problems } = await roundTrip(seed, { tamper: deleteEntry(["jobs", 0]) });
      expect(problems).toMatchObject({ create: 0, unmanaged: 1 });
    });

    it("a dropped job inside a group is unmanaged", async () => {
      const { problems } = await roundTrip(seed, { tamper: deleteEntry(["jobs", 2, "jobs", 0]) });
      expect(problems).toMatchObject({ unmanaged: 1 });
    });

    it("a changed title is a create plus an unmanaged job run", async () => {
      const { problems } = await roundTrip(seed, {
        tamper: setIn(["jobs", 1, "contentRequest", "title"], "Other"),
      });
      expect(problems).toMatchObject({ create: 1, unmanaged: 1 });
    });

    it("a changed argument is drift", async () => {
      const { problems } = await roundTrip(seed, {
        tamper: setIn(["jobs", 0, "sendTask", "dueDate"], "2025-02-01"),
      });
      expect(problems).toMatchObject({ drift: 1 });
    });

    it("swapped entries are out of order", async () => {
      const swap = (text: string) => {
        const doc = parseDocument(text);
        const first = doc.getIn(["jobs", 0]);
        doc.setIn(["jobs", 0], doc.getIn(["jobs", 1]));
        doc.setIn(["jobs", 1], first);
        return doc.toString();
      };
      const { problems } = await roundTrip(seed, { tamper: swap });
      expect(problems).toMatchObject({ outOfOrder: 1 });
    });
  });
});
