/**
 * Dependencies run one way down the pipeline: diagnostics < input (the shared input toolkit) <
 * manifest, config < api < plan < apply, import < render < cli; doctor sits beside cli (below
 * it, reading api, config, manifest and render); the emulator stands apart.
 * This test reads every import of every source file and fails on one against that order.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../src");

/** Each folder and the folders it may import from (besides itself). */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  diagnostics: [],
  input: ["diagnostics"],
  manifest: ["diagnostics", "input"],
  config: ["diagnostics", "input"],
  api: ["diagnostics", "input", "config"],
  plan: ["diagnostics", "input", "manifest", "config", "api"],
  apply: ["diagnostics", "input", "manifest", "config", "api", "plan"],
  import: ["diagnostics", "input", "manifest", "config", "api", "plan"],
  render: ["diagnostics", "input", "manifest", "config", "api", "plan", "apply"],
  doctor: ["diagnostics", "input", "manifest", "config", "api", "render"],
  cli: [
    "diagnostics",
    "input",
    "manifest",
    "config",
    "api",
    "plan",
    "apply",
    "import",
    "render",
    "doctor",
    "emulator",
  ],
  emulator: ["diagnostics", "input"],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** The src folder a file lies in ("" for files at the root of src). */
function layerOf(file: string): string {
  const relative = path.relative(SRC, file).split(path.sep);
  return relative.length > 1 ? (relative[0] as string) : "";
}

/**
 * Every relative specifier in a file's text, in order: `import … from`, `import type … from`
 * (on one line or many), a bare side-effect `import "./x.js"`, `export * from`, `export * as n
 * from`, `export { a } from`, and a dynamic `import("./x.js")`; double or single quotes.
 */
function relativeSpecifiers(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*(?:\(\s*)?)(["'])(\.{1,2}\/[^"'\n]+)\1/g)].map(
    (m) => m[2] as string,
  );
}

/** Every relative import (static, side-effect, re-export or dynamic) of a file, resolved to a path. */
function importsOf(file: string, text: string): string[] {
  return relativeSpecifiers(text).map((s) => path.resolve(path.dirname(file), s));
}

function violations(files: readonly string[], read: (file: string) => string): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = layerOf(file);
    if (from === "") continue; // src/index.ts: the package's public surface re-exports any layer
    const allowed = MAY_IMPORT[from];
    if (!allowed) {
      found.push(`${path.relative(SRC, file)}: folder "${from}" has no place in the pipeline order`);
      continue;
    }
    for (const target of importsOf(file, read(file))) {
      const to = layerOf(target);
      if (to !== from && !allowed.includes(to)) {
        found.push(`${path.relative(SRC, file)} imports ${path.relative(SRC, target)} (${from} -> ${to})`);
      }
    }
  }
  return found;
}

describe("import direction", () => {
  it("every source file imports only from its own layer or the layers below it", () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    expect(violations(files, (f) => readFileSync(f, "utf8"))).toEqual([]);
  });

  it("sees every form of relative import", () => {
    const text = [
      'import { a } from "./named.js";',
      'import type { T } from "../types/type-only.js";',
      "import d from './default-single-quoted.js';",
      'import * as ns from "./namespace.js";',
      'import "./side-effect.js";',
      "import './side-effect-single-quoted.js';",
      'export * from "./star.js";',
      'export * as star from "./star-as.js";',
      'export { b, type C } from "./named-export.js";',
      "import {",
      "  x,",
      "  y,",
      '} from "./multi-line.js";',
      "export {",
      "  z,",
      '} from "../multi-line-export.js";',
      'const m = await import("./dynamic.js");',
      'const n = await import(\n  "./dynamic-multi-line.js"\n);',
      'import { readFileSync } from "node:fs";',
      'import { describe } from "vitest";',
      'export const notAnImport = "./not-a-specifier.js";',
    ].join("\n");
    expect(relativeSpecifiers(text)).toEqual([
      "./named.js",
      "../types/type-only.js",
      "./default-single-quoted.js",
      "./namespace.js",
      "./side-effect.js",
      "./side-effect-single-quoted.js",
      "./star.js",
      "./star-as.js",
      "./named-export.js",
      "./multi-line.js",
      "../multi-line-export.js",
      "./dynamic.js",
      "./dynamic-multi-line.js",
    ]);
  });

  it("catches an import against the order, a dynamic one and an unknown folder", () => {
    const files = [path.join(SRC, "api/x.ts"), path.join(SRC, "plan/y.ts"), path.join(SRC, "extra/z.ts")];
    const texts: Record<string, string> = {
      [files[0] as string]: 'import type { Plan } from "../plan/plan-types.js";\nimport { a } from "./b.js";',
      [files[1] as string]: 'const m = await import("../render/plan-text.js");',
      [files[2] as string]: "",
    };
    expect(violations(files, (f) => texts[f] as string)).toEqual([
      "api/x.ts imports plan/plan-types.js (api -> plan)",
      "plan/y.ts imports render/plan-text.js (plan -> render)",
      'extra/z.ts: folder "extra" has no place in the pipeline order',
    ]);
  });
});
