/**
 * No input is a bug (contract §10, issue 12.6): `validate` and `plan` fed random bytes, random
 * YAML, and manifests and configs broken at random places end with exit 0 or 1 and a message,
 * never "bug in jobsync", a stack trace or an exception out of the CLI. Bounded: a fixed number of
 * runs per property, each property also stopped after a time limit (fast-check interrupts between
 * runs, it never fails a run for time). In-process, against the emulator for `plan`.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { runCli } from "../src/cli/main.js";
import { manifestFileText } from "./helpers/manifest-text-arbitraries.js";
import { memoryIO } from "./helpers/memory-io.js";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

const SAMPLES = resolve(import.meta.dirname, "../manifests");
let dir: string;
let emulator: TestEmulator;
let samples: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "jobsync-fuzz-"));
  emulator = await startTestEmulator({}, { until: "file" });
  samples = await Promise.all(
    ["q4-close.yaml", "month-end-close.yaml", "vendor.yaml"].map((f) =>
      readFile(join(SAMPLES, f), "utf8").catch(() => ""),
    ),
  );
  samples = samples.filter((s) => s !== "");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Text broken at random places: characters deleted, replaced or inserted (YAML's own marks favoured). */
const breakText = (text: fc.Arbitrary<string>) =>
  fc
    .tuple(
      text,
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.constantFrom("delete", "replace", "insert"),
          fc.constantFrom(
            ..."\n :-[]{}&*!|>'\"#%@`,?\t\u0000\u001b\u202e\uFEFF",
            "- ",
            ": ",
            "*a",
            "&a",
            "<<: *a",
          ),
        ),
        { minLength: 1, maxLength: 6 },
      ),
    )
    .map(([base, edits]) => {
      let s = base;
      for (const [at, how, what] of edits) {
        const i = s.length === 0 ? 0 : at % s.length;
        if (how === "delete") s = s.slice(0, i) + s.slice(i + 1);
        else if (how === "replace") s = s.slice(0, i) + what + s.slice(i + 1);
        else s = s.slice(0, i) + what + s.slice(i);
      }
      return s;
    });

/** Random YAML: any JSON-like value written as YAML, sometimes under manifest keys. */
const randomYaml = fc.oneof(
  fc.jsonValue().map((v) => stringify(v)),
  fc
    .record({
      apiVersion: fc.jsonValue(),
      kind: fc.jsonValue(),
      target: fc.jsonValue(),
      jobs: fc.jsonValue(),
    })
    .map((v) => stringify(v)),
  fc
    .record({ apiVersion: fc.constant("jobsync/v1"), kind: fc.constant("JobRuns"), jobs: fc.jsonValue() })
    .map((v) => stringify(v)),
);

let counter = 0;
async function run(args: string[], file: string | Uint8Array, env: Record<string, string> = {}) {
  const path = join(dir, `m${counter++}.yaml`);
  await writeFile(path, file);
  const io = memoryIO({ cwd: dir, env: { NO_COLOR: "1", ...env } });
  const code = await runCli([...args, "--manifests", path, "--config", join(dir, "none.json")], io);
  return { code, out: io.out(), err: io.err() };
}

function expectHandled(result: { code: number; out: string; err: string }): void {
  expect([0, 1]).toContain(result.code);
  expect(result.err).not.toContain("bug in jobsync");
  expect(result.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
  if (result.code === 1) expect(result.err.trim()).not.toBe("");
}

const bounded = (numRuns: number) => ({ numRuns, interruptAfterTimeLimit: 15_000 });

describe("validate never fails on its input", () => {
  beforeAll(() => writeFile(join(dir, "none.json"), "{}"));

  it("random bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        expectHandled(await run(["validate"], bytes));
      }),
      bounded(150),
    );
  });

  it("random YAML", async () => {
    await fc.assert(
      fc.asyncProperty(randomYaml, async (text) => {
        expectHandled(await run(["validate"], text));
      }),
      bounded(150),
    );
  });

  it("manifests broken at random places", async () => {
    await fc.assert(
      fc.asyncProperty(breakText(fc.oneof(manifestFileText, fc.constantFrom(...samples))), async (text) => {
        expectHandled(await run(["validate"], text));
      }),
      bounded(200),
    );
  });

  it("configs broken at random places", async () => {
    const config = JSON.stringify({ manifests: "m.yaml", api: { baseUrl: emulator.url }, parallelism: 4 });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          breakText(fc.constant(config)),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        async (text) => {
          await writeFile(join(dir, "fuzz.config.json"), text);
          await writeFile(join(dir, "m.yaml"), samples[0] ?? "");
          const io = memoryIO({ cwd: dir, env: { NO_COLOR: "1" } });
          const code = await runCli(["validate", "--config", join(dir, "fuzz.config.json")], io);
          expectHandled({ code, out: io.out(), err: io.err() });
        },
      ),
      bounded(150),
    );
  });
});

describe("plan never fails on its input", () => {
  it("manifests broken at random places, and random YAML, planned against the emulator", async () => {
    await writeFile(join(dir, "none.json"), "{}");
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          breakText(fc.oneof(manifestFileText, fc.constantFrom(...samples))),
          randomYaml,
          manifestFileText,
        ),
        async (text) => {
          expectHandled(await run(["plan"], text, emulator.env()));
        },
      ),
      bounded(80),
    );
  });
});
