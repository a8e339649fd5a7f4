/**
 * The whole CLI against every response shape the docs leave open (contract §11, API §13): the
 * emulator serves run-tree children wrapped, typed, bare and bare with `type`; generated
 * certification job runs as siblings or nested under their certification; and a
 * `GET /processes/{id}` with or without the current run. For each, plan -> apply -> plan ends
 * in "No changes", the certification is never created again, and the generated job runs are
 * never touched.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import type { ChildShape, EmulatorSeed, ResponseShapes } from "../src/emulator/emulator-types.js";
import { user } from "./helpers/builders.js";
import { apiClient, getToken } from "./helpers/emulator-api.js";
import { memoryIO } from "./helpers/memory-io.js";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

/** A serial run: a task, a group, a certification followed by its generated job runs, a task. */
const SEED: EmulatorSeed = {
  processes: [
    {
      id: "proc-shapes",
      name: "Shapes",
      run: {
        id: "run-shapes",
        parallel: false,
        children: [
          { id: "jr-a", action: "sendTask", args: { title: "A", assignee: user("u1") } },
          {
            id: "grp-g",
            group: "G",
            parallel: true,
            children: [{ id: "jr-b", action: "sendTask", args: { title: "B", assignee: user("u1") } }],
          },
          { id: "jr-cert", action: "certification", args: { title: "Cert", document: "doc1" } },
          { id: "jr-gen-1", action: "certificationApproverGenerated", args: { title: "Approve" } },
          { id: "jr-gen-2", action: "certificationConditionalApproverGenerated", args: {} },
          { id: "jr-d", action: "sendTask", args: { title: "D", assignee: user("u1") } },
        ],
      },
    },
  ],
};

const MANIFEST = `apiVersion: jobsync/v1
kind: JobRuns
target:
  process: { id: proc-shapes }
jobs:
  - sendTask: { title: A, assignee: u1 }
  - group: G
    jobs:
      - sendTask: { title: B, assignee: u1 }
      - sendTask: { title: B2, assignee: u1 }
  - certification: { title: Cert, document: doc1 }
  - sendTask: { title: After cert, assignee: u1 }
  - sendTask: { title: D, assignee: u1 }
  - sendTask: { title: Last, assignee: u1 }
`;

const CHILDREN: readonly ChildShape[] = ["wrapped", "typed", "bare", "bare-typed"];
const SHAPES: ResponseShapes[] = CHILDREN.flatMap((children) =>
  (["siblings", "nested"] as const).flatMap((certificationChildren) =>
    [true, false].map((processEmbedsRun) => ({ children, certificationChildren, processEmbedsRun })),
  ),
);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "jobsync-shapes-"));
  await writeFile(join(dir, "m.yaml"), MANIFEST);
  await writeFile(join(dir, "jobsync.config.json"), JSON.stringify({ manifests: "m.yaml" }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function jobsync(emulator: TestEmulator, args: string[]) {
  const io = memoryIO({ cwd: dir, env: emulator.env() });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** The run's job-run titles in tree order, as the emulator holds them (wrapped shape). */
function titles(emulator: TestEmulator): string[] {
  const out: string[] = [];
  const walk = (children: readonly unknown[]) => {
    for (const child of children as {
      jobRun?: { name: string };
      groupRun?: { name: string; children: unknown[] };
    }[]) {
      if (child.jobRun) out.push(child.jobRun.name);
      if (child.groupRun) walk(child.groupRun.children);
    }
  };
  walk(emulator.snapshotRun("run-shapes")!.root.children);
  return out;
}

describe.each(SHAPES)(
  "children $children, generated $certificationChildren, process embeds run $processEmbedsRun",
  (shapes) => {
    it("plans 3 creations, applies them in place, and re-plans to No changes", async () => {
      const emulator = await startTestEmulator({ seed: SEED, shapes });
      const plan = await jobsync(emulator, ["plan"]);
      expect(plan.code, plan.out + plan.err).toBe(0);
      expect(plan.out).toContain("Plan: 3 job runs to create in 3 requests");
      expect(plan.out).not.toMatch(/\+ .*Cert/);

      const apply = await jobsync(emulator, ["apply", "--auto-approve"]);
      expect(apply.code, apply.out + apply.err).toBe(0);
      expect(apply.out.trimEnd().split("\n").at(-1)).toBe(
        "Apply complete! Job runs: 3 created in 3 requests.",
      );
      expect(titles(emulator)).toEqual([
        "A",
        "B",
        "B2",
        "Cert",
        "Approve",
        "certificationConditionalApproverGenerated",
        "After cert",
        "D",
        "Last",
      ]);

      const again = await jobsync(emulator, ["plan", "--detailed-exitcode"]);
      expect(again.code, again.out + again.err).toBe(0);
      expect(again.out.trimEnd().split("\n").at(-1)).toBe("No changes. Job runs match the manifests.");
    });
  },
);

describe("the switches change the served JSON", () => {
  it("GET /processes/{id} leaves the run out with processEmbedsRun false", async () => {
    const emulator = await startTestEmulator({ seed: SEED, shapes: { processEmbedsRun: false } });
    const api = apiClient(emulator.url, await getToken(emulator.url));
    const process = await api.get("/processes/proc-shapes");
    expect(process.status).toBe(200);
    expect(process.json).not.toHaveProperty("run");
    expect((await api.get("/processes")).json.data[0].run.id).toBe("run-shapes");
  });

  it.each([
    ["wrapped", { type: "jobRun", jobRun: { id: "jr-a" } }],
    ["typed", { type: "job", job: { id: "jr-a" } }],
    ["bare", { id: "jr-a", action: "sendTask" }],
    ["bare-typed", { id: "jr-a", type: "jobRun", action: "sendTask" }],
  ] as const)("children %s", async (children, expected) => {
    const emulator = await startTestEmulator({
      seed: SEED,
      shapes: { children, certificationChildren: "nested" },
    });
    const api = apiClient(emulator.url, await getToken(emulator.url));
    const run = (await api.get("/processRuns/run-shapes")).json as {
      root: { children: Record<string, unknown>[] };
    };
    expect(run.root.children[0]).toMatchObject(expected);
    expect(run.root.children).toHaveLength(4);
    const cert = run.root.children[2] as Record<string, unknown>;
    const inner = (cert.jobRun ?? cert.job ?? cert) as { id: string; children: unknown[] };
    expect(inner.id).toBe("jr-cert");
    expect(inner.children).toHaveLength(2);
  });
});
