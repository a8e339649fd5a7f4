/**
 * `.ts` configs as users write them, through the shipped binary (`dist/`, built by pretest): on
 * Node 20 stripped by the optional dependency sucrase, on Node 22.18+ by Node itself; always an
 * ES module; `import { defineConfig } from "jobsync"` works where jobsync is not installed (a
 * global install); nothing is left behind next to the config.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { withSelfImport } from "../src/config/ts-config-loader.js";

const BIN = path.resolve(import.meta.dirname, "../dist/cli/bin.js");
const SAMPLE = path.resolve(import.meta.dirname, "../manifests/q4-close.yaml");
const run = promisify(execFile);

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A folder outside any package that installs jobsync, with a sample manifest and this config. */
function project(config: string, packageJson?: object): string {
  const dir = mkdtempSync(path.join(tmpdir(), "jobsync-ts-config-"));
  made.push(dir);
  mkdirSync(path.join(dir, "manifests"));
  cpSync(SAMPLE, path.join(dir, "manifests/q4-close.yaml"));
  writeFileSync(path.join(dir, "jobsync.config.ts"), config);
  if (packageJson) writeFileSync(path.join(dir, "package.json"), JSON.stringify(packageJson));
  return dir;
}

async function validate(cwd: string): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, "validate"], { cwd });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

describe("a jobsync.config.ts", () => {
  it("with the README's defineConfig import loads where jobsync is not installed (global install)", async () => {
    const dir = project(
      'import { defineConfig } from "jobsync";\n\nexport default defineConfig({\n  manifests: "manifests",\n  parallelism: 4,\n});\n',
    );
    const result = await validate(dir);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/manifests? in \d+ files? (is|are) valid/);
    expect(readdirSync(dir).sort()).toEqual(["jobsync.config.ts", "manifests"]);
  });

  it("with type annotations and satisfies loads as an ES module even in a CommonJS package", async () => {
    const dir = project(
      'import type { JobsyncConfig } from "jobsync";\n\nconst limit: number = 500;\nexport default { manifests: "manifests", rateLimit: { requests: limit, perSeconds: 60 } } satisfies JobsyncConfig;\n',
      { name: "close-manifests", type: "commonjs" },
    );
    const result = await validate(dir);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["jobsync.config.ts", "manifests", "package.json"]);
  });

  it("that does not parse is a message naming the file, exit 1, no stack", async () => {
    const dir = project('export default { manifests: "manifests" };\nconst x: = 3;\n');
    const result = await validate(dir);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^jobsync\.config\.ts: cannot load the config: /);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir).sort()).toEqual(["jobsync.config.ts", "manifests"]);
  });
});

describe("withSelfImport", () => {
  const self = "file:///opt/jobsync/dist/index.js";

  it('points "jobsync" at the running jobsync only when the config\'s folder cannot resolve it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), "jobsync-self-"));
    made.push(dir);
    const file = path.join(dir, "jobsync.config.ts");
    const source =
      "import { defineConfig } from 'jobsync';\nimport type { X } from \"jobsync\";\nexport default defineConfig({});\n";
    expect(withSelfImport(source, file, self)).toBe(
      `import { defineConfig } from '${self}';\nimport type { X } from "${self}";\nexport default defineConfig({});\n`,
    );
    expect(withSelfImport('import x from "jobsync-extra";\n', file, self)).toBe(
      'import x from "jobsync-extra";\n',
    );
    mkdirSync(path.join(dir, "node_modules/jobsync"), { recursive: true });
    writeFileSync(
      path.join(dir, "node_modules/jobsync/package.json"),
      '{"name":"jobsync","main":"index.js"}',
    );
    writeFileSync(path.join(dir, "node_modules/jobsync/index.js"), "");
    expect(withSelfImport(source, file, self)).toBe(source);
  });
});
