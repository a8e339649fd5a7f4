import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import { loadConfig } from "../src/config/load-config.js";
import { DiagnosticsError, UserError } from "../src/diagnostics/errors.js";
import { memoryIO } from "./helpers/memory-io.js";

const fixtures = fileURLToPath(new URL("./fixtures/config/", import.meta.url));
const at = (...parts: string[]) => path.join(fixtures, ...parts);

async function diagnosticsOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DiagnosticsError);
  return (error as DiagnosticsError).diagnostics;
}

describe("loadConfig: formats", () => {
  const formats: [string, string][] = [
    ["package-json", "package.json"],
    ["rc", ".jobsyncrc"],
    ["rc-json", ".jobsyncrc.json"],
    ["rc-yaml", ".jobsyncrc.yaml"],
    ["rc-yml", ".jobsyncrc.yml"],
    ["rc-js", ".jobsyncrc.js"],
    ["rc-mjs", ".jobsyncrc.mjs"],
    ["rc-ts", ".jobsyncrc.ts"],
    ["config-ts", "jobsync.config.ts"],
    ["config-js", "jobsync.config.js"],
    ["config-mjs", "jobsync.config.mjs"],
    ["config-json", "jobsync.config.json"],
  ];
  it.each(formats)("reads %s (%s)", async (folder, file) => {
    const cwd = at("formats", folder);
    const config = await loadConfig({ cwd, env: {} });
    expect(config.configFile).toBe(path.join(cwd, file));
    expect(config.rootDir).toBe(cwd);
    expect(config.manifests).toEqual([path.join(cwd, "m")]);
    expect(config.parallelism).toBe(2);
    expect(config.maxJobsPerRequest).toBe(100);
  });
});

describe("loadConfig: finding the file", () => {
  const empty = mkdtempSync(path.join(tmpdir(), "jobsync-noconfig-"));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it("uses the defaults when no config is found (not an error)", async () => {
    const config = await loadConfig({ cwd: empty, env: {} });
    expect(config).toEqual({
      rootDir: empty,
      manifests: [path.join(empty, "manifests")],
      api: {
        baseUrl: "https://api.app.wdesk.com",
        tokenUrl: "https://api.app.wdesk.com/oauth2/token",
        version: "2026-04-01.processes.preview",
        timeoutMs: 45000,
        maxWaitSeconds: 300,
        settleSeconds: 35,
      },
      rateLimit: { requests: 1000, perSeconds: 60 },
      parallelism: "auto",
      maxJobsPerRequest: 100,
      calendars: {},
      timeZone: "UTC",
    });
  });

  it("searches from the working directory upward; paths are relative to the config file's folder", async () => {
    const config = await loadConfig({ cwd: at("upward", "nested", "deeper"), env: {} });
    expect(config.configFile).toBe(at("upward", "jobsync.config.json"));
    expect(config.rootDir).toBe(at("upward"));
    expect(config.manifests).toEqual([at("upward", "one"), at("upward", "two", "**", "*.yaml")]);
    expect(config.api.baseUrl).toBe("https://example.test");
    expect(config.api.tokenUrl).toBe("https://example.test/oauth2/token");
  });

  it("takes the nearest config", async () => {
    expect((await loadConfig({ cwd: at("nearest", "inner"), env: {} })).parallelism).toBe(3);
    expect((await loadConfig({ cwd: at("nearest"), env: {} })).parallelism).toBe(1);
  });

  it("loads --config FILE relative to the working directory, filling unset keys with defaults", async () => {
    const config = await loadConfig({ cwd: fixtures, configFile: "explicit/custom-config.json", env: {} });
    expect(config.configFile).toBe(at("explicit", "custom-config.json"));
    expect(config.manifests).toEqual([at("upward")]);
    expect(config.api).toEqual({
      baseUrl: "https://api.app.wdesk.com",
      tokenUrl: "https://login.example.test/token",
      version: "v-test",
      timeoutMs: 5000,
      maxWaitSeconds: 300,
      settleSeconds: 35,
    });
    expect(config.rateLimit).toEqual({ requests: 10, perSeconds: 60 });
    expect(config.maxJobsPerRequest).toBe(25);
  });

  it("treats an empty config file as all defaults", async () => {
    const config = await loadConfig({ cwd: fixtures, configFile: "empty/.jobsyncrc.json", env: {} });
    expect(config.configFile).toBe(at("empty", ".jobsyncrc.json"));
    expect(config.parallelism).toBe("auto");
  });

  it("refuses a --config file that does not exist", async () => {
    const error = await loadConfig({ cwd: fixtures, configFile: "nope.json", env: {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe("config file not found: nope.json");
  });

  it("takes --manifests relative to the working directory, not the config", async () => {
    const cwd = at("upward", "nested");
    const config = await loadConfig({ cwd, manifests: "here", env: {} });
    expect(config.manifests).toEqual([path.join(cwd, "here")]);
  });
});

describe("loadConfig: environment", () => {
  it("lets JOBSYNC_BASE_URL override baseUrl; the default tokenUrl follows it", async () => {
    const config = await loadConfig({
      cwd: at("upward"),
      env: { JOBSYNC_BASE_URL: "http://127.0.0.1:4010/" },
    });
    expect(config.api.baseUrl).toBe("http://127.0.0.1:4010");
    expect(config.api.tokenUrl).toBe("http://127.0.0.1:4010/oauth2/token");
  });

  it("keeps an explicit tokenUrl when JOBSYNC_BASE_URL is set", async () => {
    const config = await loadConfig({
      cwd: fixtures,
      configFile: "explicit/custom-config.json",
      env: { JOBSYNC_BASE_URL: "http://127.0.0.1:4010" },
    });
    expect(config.api.baseUrl).toBe("http://127.0.0.1:4010");
    expect(config.api.tokenUrl).toBe("https://login.example.test/token");
  });

  it("refuses a JOBSYNC_BASE_URL that is not an http(s) URL, without echoing it (it may hold a token)", async () => {
    const refused = loadConfig({ cwd: at("upward"), env: { JOBSYNC_BASE_URL: "ftp://svc:s3cret@host" } });
    await expect(refused).rejects.toThrow("JOBSYNC_BASE_URL is not an http(s) URL");
    await expect(refused).rejects.not.toThrow(/s3cret/);
  });
});

describe("loadConfig: bad configs", () => {
  it("reports a JSON config's bad values and unknown keys at their line and column", async () => {
    const diagnostics = await diagnosticsOf(loadConfig({ cwd: at("bad", "json"), env: {} }));
    expect(diagnostics).toEqual([
      {
        severity: "error",
        file: "jobsync.config.json",
        line: 4,
        col: 17,
        message: 'rateLimit.requests: expected a positive integer, got "x"',
      },
      {
        severity: "error",
        file: "jobsync.config.json",
        line: 5,
        col: 5,
        message: "rateLimit: unknown key `perSecond` (did you mean `perSeconds`?)",
      },
    ]);
  });

  it("reports a JSON syntax error at its place", async () => {
    const [first] = await diagnosticsOf(loadConfig({ cwd: at("bad", "json-syntax"), env: {} }));
    expect(first).toMatchObject({ file: ".jobsyncrc.json", line: 3 });
    expect(first?.message).toMatch(/^syntax error: /);
  });

  /** `jobsync validate` in a fixture folder: the exact lines on stderr. */
  async function validateIn(folder: string) {
    const io = memoryIO({ cwd: at("bad", folder) });
    const code = await runCli(["validate"], io);
    return { code, err: io.err() };
  }

  it("describes a union's expectation in words, not zod's (`expected union`)", async () => {
    expect(await validateIn("manifests-number")).toEqual({
      code: 1,
      err: "jobsync.config.json:2:16: manifests: expected a path or a list of paths, got 5\n1 error found.\n",
    });
    expect(await validateIn("manifests-mapping")).toEqual({
      code: 1,
      err: ".jobsyncrc.yaml:2:3: manifests: expected a path or a list of paths, got a mapping\n1 error found.\n",
    });
  });

  it("reports an unterminated quote in a YAML config at the quote, once", async () => {
    expect(await validateIn("yaml-unterminated")).toEqual({
      code: 1,
      err: '.jobsyncrc.yaml:2:12: syntax error: Missing closing "quote\n1 error found.\n',
    });
  });

  it("reports an unclosed JSON list and object at their brackets, in file order", async () => {
    const { code, err } = await validateIn("json-unterminated");
    expect(code).toBe(1);
    expect(err.split("\n")).toEqual([
      ".jobsyncrc.json:1:1: syntax error: Flow map must end with a }",
      ".jobsyncrc.json:2:16: syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]",
      "2 errors found.",
      "",
    ]);
  });

  it("reports a YAML config's problems with lines", async () => {
    const diagnostics = await diagnosticsOf(loadConfig({ cwd: at("bad", "yaml"), env: {} }));
    expect(diagnostics.map((d) => [d.line, d.col, d.message])).toEqual([
      [2, 1, "unknown key `paralelism` (did you mean `parallelism`?)"],
      [4, 12, 'api.baseUrl: expected an http(s) URL, got "ftp://example.test"'],
    ]);
  });

  it("finds the line inside package.json's jobsync key", async () => {
    const diagnostics = await diagnosticsOf(loadConfig({ cwd: at("bad", "package-json"), env: {} }));
    expect(diagnostics).toEqual([
      {
        severity: "error",
        file: "package.json",
        line: 4,
        col: 26,
        message: "maxJobsPerRequest: expected a positive integer, got 0",
      },
    ]);
  });

  it("names the file and the key path for a TypeScript config (no line)", async () => {
    const diagnostics = await diagnosticsOf(loadConfig({ cwd: at("bad", "ts"), env: {} }));
    expect(diagnostics).toEqual([
      {
        severity: "error",
        file: "jobsync.config.ts",
        message: 'rateLimit.requests: expected a positive integer, got "x"',
      },
    ]);
  });

  it("reports a config that throws when loaded, without a stack trace", async () => {
    const io = memoryIO({ cwd: at("bad", "throws") });
    expect(await runCli(["validate"], io)).toBe(1);
    expect(io.err()).toBe(
      "jobsync.config.mjs: cannot load the config: boom from the config\n1 error found.\n",
    );
  });

  it("prints a bad config through the CLI as file: message", async () => {
    const io = memoryIO({ cwd: at("bad", "ts") });
    expect(await runCli(["validate"], io)).toBe(1);
    expect(io.err()).toBe(
      'jobsync.config.ts: rateLimit.requests: expected a positive integer, got "x"\n1 error found.\n',
    );
    expect(io.err()).not.toMatch(/\n\s+at /);
  });
});
