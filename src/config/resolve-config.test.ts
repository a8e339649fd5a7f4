import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "./resolve-config.js";

const cwd = path.resolve("/work/project/sub");

describe("resolveConfig", () => {
  it("makes manifest paths absolute, relative to the config file's folder", () => {
    const configFile = path.resolve("/work/project/jobsync.config.ts");
    const config = resolveConfig({ manifests: ["a", "b/**/*.yaml", "/abs"] }, { cwd, configFile, env: {} });
    expect(config.rootDir).toBe(path.resolve("/work/project"));
    expect(config.manifests).toEqual([
      path.resolve("/work/project/a"),
      path.resolve("/work/project/b/**/*.yaml"),
      path.resolve("/abs"),
    ]);
  });

  it("resolves --manifests against cwd, and uses cwd as root without a config", () => {
    expect(resolveConfig({ manifests: "x" }, { cwd, manifests: "../m", env: {} }).manifests).toEqual([
      path.resolve("/work/project/m"),
    ]);
    expect(resolveConfig({}, { cwd, env: {} })).toMatchObject({
      rootDir: cwd,
      manifests: [path.join(cwd, "manifests")],
    });
  });

  it("derives tokenUrl from the effective baseUrl unless set", () => {
    expect(resolveConfig({ api: { baseUrl: "https://a.test/x/" } }, { cwd, env: {} }).api).toMatchObject({
      baseUrl: "https://a.test/x",
      tokenUrl: "https://a.test/x/oauth2/token",
    });
    const env = { JOBSYNC_BASE_URL: "http://localhost:9" };
    expect(resolveConfig({ api: { baseUrl: "https://a.test" } }, { cwd, env }).api.tokenUrl).toBe(
      "http://localhost:9/oauth2/token",
    );
    expect(resolveConfig({ api: { tokenUrl: "https://t.test/tok" } }, { cwd, env }).api.tokenUrl).toBe(
      "https://t.test/tok",
    );
  });

  it("fills partial rate limits from the defaults", () => {
    expect(resolveConfig({ rateLimit: { perSeconds: 10 } }, { cwd, env: {} }).rateLimit).toEqual({
      requests: 1000,
      perSeconds: 10,
    });
  });
});
