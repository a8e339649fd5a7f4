import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import { memoryIO } from "./helpers/memory-io.js";

describe("jobsync --help / --version / unknown command", () => {
  it("lists every command and exits 0", async () => {
    const io = memoryIO();
    expect(await runCli(["--help"], io)).toBe(0);
    for (const c of ["validate", "plan", "apply", "show", "schema", "import", "emulator"]) {
      expect(io.out()).toContain(`  ${c}`);
    }
  });

  it("prints the package version", async () => {
    const io = memoryIO();
    expect(await runCli(["--version"], io)).toBe(0);
    expect(io.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("rejects an unknown command with exit 1 and no stack", async () => {
    const io = memoryIO();
    expect(await runCli(["frobnicate"], io)).toBe(1);
    expect(io.err()).toContain('unknown command "frobnicate"');
    expect(io.err()).not.toMatch(/\n\s+at /);
  });
});
