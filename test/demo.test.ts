/** The README's first command for a newcomer: `npm run demo` (here its script, on the built dist/). */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

describe("npm run demo", () => {
  it("plans, applies and re-plans to No changes, exit 0", async () => {
    const root = resolve(import.meta.dirname, "..");
    const { code, out } = await new Promise<{ code: number | null; out: string }>((done, fail) => {
      const child = spawn(process.execPath, ["scripts/demo.mjs"], {
        cwd: root,
        env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
      child.stderr.setEncoding("utf8").on("data", (s: string) => (out += s));
      child.on("error", fail);
      child.on("close", (code) => done({ code, out }));
    });
    expect(code, out).toBe(0);
    expect(out).toContain("Plan: 16 job runs to create in 8 requests across 5 process runs.");
    expect(out).toContain("Apply complete! Job runs: 16 created in 8 requests.");
    expect(out.trimEnd().split("\n").at(-1)).toBe("No changes. Job runs match the manifests.");
  });
});
