import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load-config.js";

/**
 * The repo's jobsync.config.ts does `import { defineConfig } from "jobsync"`: Node resolves a
 * package's own name through its `exports` (self-reference). This builds a tiny ESM package
 * shaped like ours (name "jobsync", exports → dist/index.js) to check that cosmiconfig's
 * TypeScript loader works with it.
 */
describe("a jobsync.config.ts importing defineConfig from the package's own name", () => {
  const root = mkdtempSync(path.join(tmpdir(), "jobsync-self-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("loads in an ESM package through the package self-reference", async () => {
    writeFileSync(
      path.join(root, "package.json"),
      JSON.stringify({ name: "jobsync", type: "module", exports: { ".": "./dist/index.js" } }),
    );
    mkdirSync(path.join(root, "dist"));
    writeFileSync(path.join(root, "dist", "index.js"), "export function defineConfig(c) { return c; }\n");
    writeFileSync(
      path.join(root, "jobsync.config.ts"),
      'import { defineConfig } from "jobsync";\n\nexport default defineConfig({ manifests: "manifests", parallelism: 3 });\n',
    );
    const config = await loadConfig({ cwd: root, env: {} });
    expect(config.configFile).toBe(path.join(root, "jobsync.config.ts"));
    expect(config.manifests).toEqual([path.join(root, "manifests")]);
    expect(config.parallelism).toBe(3);
  });
});
