/**
 * Outside text never reaches the terminal raw (contract §10): a seed whose process, group, job
 * titles and assignees carry terminal controls (OSC retitle, clear screen, CR, a C1 CSI, a bidi
 * override, a forged "Apply complete!" line), a manifest naming them, a file name and a YAML key
 * with controls; every command's text output (validate, plan, show, apply, status, import,
 * doctor, fmt) is read whole, and no control character but the newline is in it.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import type { EmulatorSeed } from "../src/emulator/emulator-types.js";
import { user } from "./helpers/builders.js";
import { memoryIO } from "./helpers/memory-io.js";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

const EVIL = "Evil\u001b]0;pwned\u0007\u001b[2J\r\nApply complete! Job runs: 0 created\u009b31m\u202e";
/** The same text as a YAML double-quoted scalar. */
const EVIL_YAML = `"Evil\\e]0;pwned\\a\\e[2J\\r\\nApply complete! Job runs: 0 created\\u009b31m\\u202e"`;
/** Every character a terminal could act on: C0 but newline, DEL, C1, line separators, bidi controls. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const SEED: EmulatorSeed = {
  processes: [
    {
      id: "proc-evil",
      name: `Close ${EVIL}`,
      run: {
        id: "run-evil",
        parallel: false,
        children: [
          { id: "jr-1", action: "sendTask", args: { title: `Kickoff ${EVIL}`, assignee: user(`u-${EVIL}`) } },
          {
            id: "grp-1",
            group: `Review ${EVIL}`,
            parallel: true,
            children: [
              { id: "jr-2", action: "sendTask", args: { title: `Sign ${EVIL}`, assignee: user("u1") } },
            ],
          },
          { id: "jr-3", action: "sendTask", args: { title: `Stray ${EVIL}`, assignee: user("u1") } },
        ],
      },
    },
  ],
};

const MANIFEST = `apiVersion: jobsync/v1
kind: JobRuns
target:
  process: { name: ${EVIL_YAML.replace(/^"/, '"Close ')} }
jobs:
  - sendTask: { title: ${EVIL_YAML.replace(/^"/, '"Kickoff ')}, assignee: u1 }
  - group: ${EVIL_YAML.replace(/^"/, '"Review ')}
    jobs:
      - sendTask: { title: ${EVIL_YAML.replace(/^"/, '"Sign ')}, assignee: u1 }
      - sendTask: { title: ${EVIL_YAML.replace(/^"/, '"New ')}, assignee: ${EVIL_YAML} }
`;

let dir: string;
let emulator: TestEmulator;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "jobsync-escape-"));
  await writeFile(join(dir, "jobsync.config.json"), JSON.stringify({ manifests: "m" }));
  await writeFile(join(dir, "m.yaml"), MANIFEST);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function jobsync(args: string[], cwd = dir) {
  const io = memoryIO({ cwd, env: emulator.env() });
  const code = await runCli(args, io);
  return { code, text: io.out() + io.err() };
}

/** The first unsafe character of `text` with what surrounds it, or undefined. */
function firstUnsafe(text: string): string | undefined {
  const m = UNSAFE.exec(text);
  return m ? JSON.stringify(text.slice(Math.max(0, m.index - 30), m.index + 30)) : undefined;
}

describe("no outside text reaches the terminal raw", () => {
  beforeAll(async () => {
    const { mkdir, rename } = await import("node:fs/promises");
    await mkdir(join(dir, "m"));
    await rename(join(dir, "m.yaml"), join(dir, "m", "close.yaml"));
    // A file whose name and keys carry controls too.
    await writeFile(
      join(dir, "m", `bad-\u001b[2J-\u0007.yaml`),
      `apiVersion: jobsync/v1\nkind: JobRuns\ntarget: { processRun: run-evil }\njobs:\n  - sendTask: { title: x, assignee: u1, ${EVIL_YAML}: 1 }\n`,
    );
    emulator = await startTestEmulator({ seed: SEED }, { until: "file" });
  });

  it("validate: the file name and the YAML key", async () => {
    for (const format of ["text", "json", "github"]) {
      const r = await jobsync(["validate", "--format", format]);
      expect(r.code).toBe(1);
      expect(r.text).toContain("unknown key");
      expect(firstUnsafe(r.text), format).toBeUndefined();
    }
  });

  describe("with only the good manifest", () => {
    const run = (args: string[]) => jobsync([...args, "--manifests", "m/close.yaml"]);

    it("plan, plan --out and show", async () => {
      const plan = await run(["plan", "--out", "p.json"]);
      expect(plan.code, plan.text).toBe(0);
      expect(plan.text).toContain("1 job run to create");
      expect(firstUnsafe(plan.text)).toBeUndefined();
      const json = await run(["plan", "--format", "json"]);
      expect(firstUnsafe(json.text)).toBeUndefined();
      expect(JSON.parse(json.text).processRuns[0].name).toBe(`Close ${EVIL}`);
      for (const format of ["text", "markdown", "json"]) {
        const show = await run(["show", "p.json", "--format", format]);
        expect(show.code, show.text).toBe(0);
        expect(firstUnsafe(show.text)).toBeUndefined();
      }
    });

    it("status, import, doctor and fmt --check", async () => {
      for (const args of [
        ["status"],
        ["status", "--format", "json"],
        ["import", "run-evil"],
        ["doctor"],
        ["doctor", "--format", "json"],
        ["fmt", "--check"],
      ]) {
        const r = await run(args);
        expect(r.text.length, args.join(" ")).toBeGreaterThan(0);
        expect(firstUnsafe(r.text), args.join(" ")).toBeUndefined();
      }
    });

    it("import writes the controls escaped inside double quotes, and reads them back: No changes", async () => {
      const imported = await run(["import", "run-evil", "--out", "imported.yaml"]);
      expect(imported.code, imported.text).toBe(0);
      const { readFile } = await import("node:fs/promises");
      expect(firstUnsafe(await readFile(join(dir, "imported.yaml"), "utf8"))).toBeUndefined();
      const plan = await jobsync(["plan", "--manifests", "imported.yaml"]);
      expect(plan.text.trimEnd().split("\n").at(-1), plan.text).toBe(
        "No changes. Job runs match the manifests.",
      );
    });

    it("apply, then a plan with nothing to do (the drifted assignee shown escaped)", async () => {
      const apply = await run(["apply", "--auto-approve"]);
      expect(apply.code, apply.text).toBe(0);
      expect(apply.text.trimEnd().split("\n").at(-1)).toBe(
        "Apply complete! Job runs: 1 created in 1 request.",
      );
      expect(firstUnsafe(apply.text)).toBeUndefined();
      const again = await run(["plan"]);
      expect(again.text, again.text).toContain("No job runs to create. 1 job run differs from the manifests");
      expect(firstUnsafe(again.text)).toBeUndefined();
    });
  });
});
