/**
 * The shipped binary as a user runs it (`node dist/cli/bin.js`, built by `npm test`'s pretest):
 * exit codes through a real process, no stack traces, and large output through a pipe arriving whole.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorHandle, EmulatorSeed } from "../src/emulator/emulator-types.js";
import { BIN, runBin } from "./helpers/run-bin.js";
import { startTestEmulator } from "./helpers/test-emulator.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "jobsync-bin-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the jobsync binary", () => {
  it("prints its version and exits 0", async () => {
    const { code, out } = await runBin(["--version"], { cwd: dir });
    expect(code).toBe(0);
    expect(out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("reports bad manifests as file:line:col with exit 1 and no stack trace", async () => {
    await writeFile(
      join(dir, "bad.yaml"),
      "apiVersion: jobsync/v2\nkind: JobRuns\ntarget: { processRun: r1 }\njobs: []\n",
    );
    const { code, out, err } = await runBin(["validate", "--manifests", "bad.yaml"], { cwd: dir });
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toMatch(/^bad\.yaml:1:\d+: .*apiVersion/m);
    expect(err).not.toMatch(/\n\s+at /);
  });

  describe("with a large plan", () => {
    let emulator: EmulatorHandle;
    beforeAll(async () => {
      const children = (p: number) =>
        Array.from({ length: 300 }, (_, i) => ({
          id: `jr-${p}-${i}`,
          action: "sendTask",
          args: { title: `Existing ${i}`, assignee: { id: "u1", type: "user" } },
        }));
      const seed: EmulatorSeed = {
        processes: Array.from({ length: 6 }, (_, p) => ({
          id: `p${p}`,
          name: `P${p}`,
          run: { id: `r${p}`, children: children(p) },
        })),
      };
      emulator = await startTestEmulator({ seed, rateLimit: false }, { until: "file" });
      const lines = ["  - sendTask: { title: Existing 0, assignee: u1 }"];
      for (let i = 0; i < 3000; i++) {
        lines.push(
          `  - sendTask: { title: "New task ${i} with a long enough title to make output big", assignee: u1 }`,
        );
      }
      await mkdir(join(dir, "big"));
      for (let p = 0; p < 6; p++) {
        await writeFile(
          join(dir, "big", `m${p}.yml`),
          `apiVersion: jobsync/v1\nkind: JobRuns\ntarget: { processRun: r${p} }\njobs:\n${lines.join("\n")}\n`,
        );
      }
    });

    it("stops quietly when the reader closes the pipe early (jobsync plan | head)", async () => {
      const child = spawn(process.execPath, [BIN, "plan", "--manifests", "big", "--detailed-exitcode"], {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? "",
          JOBSYNC_BASE_URL: emulator.url,
          WORKIVA_CLIENT_ID: "a",
          WORKIVA_CLIENT_SECRET: "b",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let err = "";
      child.stderr.setEncoding("utf8").on("data", (s: string) => (err += s));
      child.stdout.once("data", () => child.stdout.destroy());
      const code = await new Promise((done) => child.on("close", done));
      expect(err).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
      expect(code).toBe(2);
    });

    it("arrives whole through a pipe (several MB of JSON)", async () => {
      const { code, out, err } = await runBin(
        ["plan", "--manifests", "big", "--format", "json", "--detailed-exitcode"],
        {
          cwd: dir,
          env: { JOBSYNC_BASE_URL: emulator.url, WORKIVA_CLIENT_ID: "a", WORKIVA_CLIENT_SECRET: "b" },
        },
      );
      expect(err).toBe("");
      expect(code).toBe(2);
      expect(out.length).toBeGreaterThan(2_000_000);
      const plan = JSON.parse(out);
      expect(plan.summary.create).toBe(18000);
      expect(plan.summary.requests).toBe(6 * 30);
    });
  });
});
