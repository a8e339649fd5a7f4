// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is the template syntax, not a JS placeholder
/**
 * Shared setup of the templates CLI tests (§7): before each test the emulator on port 0 with
 * processes that carry dates and business weekdays, and a project folder with the `us` calendar;
 * the CLI in-process against them. Importing this module registers the hooks for the importing file.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect } from "vitest";
import { runCli } from "../../src/cli/main.js";
import type { EmulatorSeed } from "../../src/emulator/emulator-types.js";
import type { Plan } from "../../src/plan/plan-types.js";
import { memoryIO } from "./memory-io.js";
import { startTestEmulator, type TestEmulator } from "./test-emulator.js";

const kickoff = (id: string) => ({
  id,
  action: "sendTask",
  args: { title: "Kickoff", assignee: { id: "u-ann", type: "user" } },
  status: "complete",
});

const SEED: EmulatorSeed = {
  processes: [
    {
      id: "p-oct",
      name: "Month-end close: October 2026",
      run: { id: "run-oct-2026", status: "running", parallel: true, children: [kickoff("k-oct")] },
    },
    {
      id: "p-nov",
      name: "Month-end close: November 2026",
      run: { id: "run-nov-2026", status: "running", parallel: true, children: [kickoff("k-nov")] },
    },
    {
      id: "p-monthly",
      name: "Monthly close",
      dueDate: "2026-12-31",
      businessStartDate: "2026-12-01",
      businessDaysOfWeek: ["monday", "tuesday", "wednesday", "thursday"],
      run: {
        id: "run-monthly",
        status: "running",
        parallel: true,
        created: "2026-12-01T23:30:00-05:00",
        children: [kickoff("k-monthly")],
      },
    },
  ],
};

export const COPIED = `apiVersion: jobsync/v1
kind: JobRuns
metadata:
  name: month-end-close
calendar: us
vars:
  reviewer: u-cfo
  entities:
    - { name: ACME US, owner: u-dan }
    - { name: ACME DE, owner: u-eva }
targets:
  - process: { name: "Month-end close: October 2026" }
    vars: { month: October 2026, periodEnd: 2026-10-31, preparer: u-ann }
  - processRun: run-nov-2026
    vars: { month: November 2026, periodEnd: 2026-11-30, preparer: u-bob }
jobs:
  - sendTask:
      title: "Bank reconciliation: \${{ vars.month }}"
      assignee: \${{ vars.preparer }}
      approver: \${{ vars.reviewer }}
      dueDate: \${{ workday(vars.periodEnd, 3) }}
  - forEach: \${{ vars.entities }}
    as: entity
    jobs:
      - certification:
          title: "Sub-certification \${{ vars.month }}: \${{ entity.name }}"
          assignee: \${{ entity.owner }}
          dueDate: \${{ workday(eomonth(vars.periodEnd, 0), 5) }}
`;

const US = `holidays:
  - { date: 2026-11-26, name: Thanksgiving }
  - { date: 2026-11-27, name: Day after Thanksgiving }
  - { date: 2026-12-25, name: Christmas Day }
`;

export const AGAIN = `apiVersion: jobsync/v1
kind: JobRuns
target:
  process: { name: Monthly close }
jobs:
  - sendTask:
      title: "Close \${{ run.created }} for \${{ process.name }}"
      assignee: u-ann
      dueDate: \${{ workday(run.created, 2) }}
  - sendTask:
      title: Final review
      assignee: u-cfo
      dueDate: \${{ process.dueDate }}
`;

/** The emulator and the project folder of the current test (set before each test). */
export let emulator: TestEmulator;
export let dir: string;
beforeEach(async () => {
  emulator = await startTestEmulator({ seed: SEED });
  dir = await mkdtemp(join(tmpdir(), "jobsync-templates-"));
  await mkdir(join(dir, "manifests"));
  await mkdir(join(dir, "calendars"));
  await writeFile(join(dir, "calendars", "us.yaml"), US);
  await writeFile(
    join(dir, "jobsync.config.json"),
    JSON.stringify({ calendars: { us: "calendars/us.yaml" }, timeZone: "America/New_York" }),
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

export const jobsync = async (args: string[]) => {
  const io = memoryIO({
    cwd: dir,
    env: emulator.env({ WORKIVA_CLIENT_ID: "ci", WORKIVA_CLIENT_SECRET: "s" }),
  });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
};

export const planJson = async (): Promise<Plan> => {
  const { code, out, err } = await jobsync(["plan", "--format", "json"]);
  expect(err).toBe("");
  expect(code).toBe(0);
  return JSON.parse(out) as Plan;
};

export type Args = Record<string, unknown>;
export const jobsOf = (plan: Plan, runId: string) =>
  (plan.processRuns.find((r) => r.id === runId)?.insertions ?? []).flatMap((i) =>
    i.jobs.map((j): Args & { source: unknown } => ({
      action: j.action,
      ...(j.arguments[`${j.action}Args`] as Args),
      source: j.source,
    })),
  );
