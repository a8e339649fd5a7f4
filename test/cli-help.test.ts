import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../src/cli/commands/index.js";
import { ENVIRONMENT, environmentFor } from "../src/cli/environment.js";
import { GLOBAL_OPTIONS } from "../src/cli/global-options.js";
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

describe("help: environment, examples, plain words", () => {
  const LIBRARIES = /cosmiconfig|\bzod\b|undici|parseArgs|typescript|vitest|p-limit/i;

  it("lists every environment variable jobsync reads, and where the config is looked for", async () => {
    const io = memoryIO();
    expect(await runCli(["--help"], io)).toBe(0);
    const help = io.out();
    for (const name of [
      "WORKIVA_CLIENT_ID",
      "WORKIVA_CLIENT_SECRET",
      "JOBSYNC_TOKEN",
      "JOBSYNC_BASE_URL",
      "JOBSYNC_LOCK_DIR",
      "HTTPS_PROXY",
      "NO_PROXY",
      "NO_COLOR",
      "FORCE_COLOR",
      "GITHUB_SHA",
    ]) {
      expect(help).toContain(name);
    }
    expect(help).toContain("jobsync.config.ts");
    expect(help).toContain("nearest folder above");
    expect(help).not.toMatch(LIBRARIES);
  });

  it("names every variable the source reads as env.NAME", () => {
    const read = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== "emulator") walk(full);
        else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
          for (const m of readFileSync(full, "utf8").matchAll(/\benv\??\.([A-Z][A-Z0-9_]+)/g))
            read.add(m[1] as string);
        }
      }
    };
    walk(path.resolve(import.meta.dirname, "../src"));
    expect(read.size).toBeGreaterThan(4);
    const listed = ENVIRONMENT.map((v) => v.name).join(" ");
    for (const name of read) expect(listed, name).toContain(name);
  });

  it("gives each command two examples that use only its own flags, and its environment", async () => {
    for (const entry of COMMANDS) {
      const io = memoryIO();
      expect(await runCli([entry.name, "--help"], io)).toBe(0);
      const help = io.out();
      expect(help).not.toMatch(LIBRARIES);
      expect(entry.examples).toHaveLength(2);
      const command = await entry.load();
      const known = new Set([...Object.keys(command.options), ...Object.keys(GLOBAL_OPTIONS)]);
      for (const example of entry.examples) {
        expect(help).toContain(example.command);
        expect(example.command).toContain(`jobsync ${entry.name}`);
        const words = example.command.split(/\s+/);
        for (const flag of words.filter((w) => w.startsWith("--"))) {
          expect(known, `${example.command}: ${flag}`).toContain(flag.slice(2));
        }
      }
      for (const variable of environmentFor(entry.name)) expect(help).toContain(variable.name);
    }
    const plan = memoryIO();
    await runCli(["plan", "--help"], plan);
    expect(plan.out()).toContain("WORKIVA_CLIENT_SECRET");
    const fmt = memoryIO();
    await runCli(["fmt", "--help"], fmt);
    expect(fmt.out()).not.toContain("WORKIVA_CLIENT_SECRET");
    const apply = memoryIO();
    await runCli(["help", "apply"], apply);
    expect(apply.out()).toContain("JOBSYNC_LOCK_DIR");
  });
});
