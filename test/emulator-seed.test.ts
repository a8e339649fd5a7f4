import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { UserError } from "../src/diagnostics/errors.js";
import { DEMO_SEED } from "../src/emulator/demo-seed.js";
import { loadSeedFile, parseSeed } from "../src/emulator/seed.js";
import { startEmulator } from "../src/emulator/server.js";
import { childrenOf, findGroup } from "./helpers/emulator-api.js";
import { startTestEmulator } from "./helpers/test-emulator.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/emulator/${name}`, import.meta.url));

describe("seed files", () => {
  it("loads a valid file", () => {
    const seed = loadSeedFile(fixture("seed-small.json"));
    expect(seed.processes.map((p) => p.id)).toEqual(["p1", "p2"]);
    expect(seed.clients).toHaveLength(2);
  });

  it("reports every problem with its JSON path", () => {
    let error: unknown;
    try {
      loadSeedFile(fixture("seed-bad.json"));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message).toContain("seed-bad.json");
    expect(message).toContain("processes[0].run.children[0].args");
    expect(message).toContain("processes[0].run.children[1].children[0].action");
  });

  it("rejects invalid JSON, a missing file, unknown keys and duplicate ids", () => {
    const dir = mkdtempSync(join(tmpdir(), "emu-seed-"));
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    expect(() => loadSeedFile(write("syntax.json", "{ processes: "))).toThrow(/not valid JSON/);
    expect(() => loadSeedFile(join(dir, "missing.json"))).toThrow(/cannot read seed file/);
    expect(() => parseSeed({ processes: [], extra: 1 })).toThrow(/\(root\): Unrecognized key/);
    expect(() =>
      parseSeed({
        processes: [
          { id: "p", name: "P", run: { id: "r", children: [{ id: "p", action: "sendTask", args: {} }] } },
        ],
      }),
    ).toThrow(/processes\[0\]\.run\.children\[0\]\.id: duplicate id "p"/);
    expect(() => parseSeed({ processes: [{ id: "p", name: "P", dueDate: "tomorrow" }] })).toThrow(
      /processes\[0\]\.dueDate/,
    );
  });

  it("startEmulator rejects a bad seed object with a UserError", async () => {
    // startEmulator itself (not the test helper) is what this checks.
    await expect(
      startEmulator({ port: 0, seed: { processes: [{ id: "", name: "x" }] } }),
    ).rejects.toBeInstanceOf(UserError);
  });
});

describe("the demo seed", () => {
  it("is a valid seed with the agreed runs and derived statuses", async () => {
    expect(() => parseSeed(DEMO_SEED)).not.toThrow();
    const emu = await startTestEmulator();
    try {
      const q4 = emu.snapshotRun("run-q4close")!;
      expect(q4.root.parallel).toBe(false);
      expect(childrenOf(q4.root).map((c) => c.id)).toEqual([
        "jr-kickoff",
        "jr-collect-tb",
        "grp-approvals",
        "jr-publish",
        "jr-adhoc-1",
      ]);
      const statuses = q4.root.children.map((c) =>
        "jobRun" in c ? c.jobRun.status : "groupRun" in c ? c.groupRun.status : undefined,
      );
      expect(statuses).toEqual(["complete", "running", "waiting", "waiting", "waiting"]);
      expect(childrenOf(findGroup(q4.root, "grp-approvals")).map((c) => c.name)).toEqual(["CFO sign-off"]);
      const annual = emu.snapshotRun("run-annual-2024")!;
      expect(annual.root.parallel).toBe(true);
      expect(childrenOf(annual.root).map((c) => c.id)).toEqual(["grp-drafting", "grp-review", "jr-sox-302"]);
      expect(childrenOf(emu.snapshotRun("run-vendor")!.root)).toEqual([]);
      expect(emu.snapshotRun("nope")).toBeUndefined();
    } finally {
      await emu.close();
    }
  });
});
