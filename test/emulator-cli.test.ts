import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import { apiClient, getToken } from "./helpers/emulator-api.js";
import { memoryIO } from "./helpers/memory-io.js";

/** memoryIO whose `listening` promise resolves with the URL once the "listening" line is printed. */
function watchedIO(signal: AbortSignal) {
  const io = memoryIO({ signal });
  let resolveUrl: (url: string) => void = () => {};
  const listening = new Promise<string>((resolve) => {
    resolveUrl = resolve;
  });
  const write = io.stdout.write;
  const stdout = {
    write: (chunk: string) => {
      write(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(io.out());
      if (match) resolveUrl(match[1]!);
    },
  };
  return { ...io, stdout, listening };
}

describe("jobsync emulator", () => {
  it("starts, serves, logs requests to stderr, and stops on abort with exit 0", async () => {
    const controller = new AbortController();
    const io = watchedIO(controller.signal);
    const exit = runCli(["emulator", "--port", "0", "--rate-limit", "100/10s"], io);
    const url = await io.listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(io.out()).toContain("run run-q4close");
    expect(io.out()).toContain("100 per 10 s");
    const api = apiClient(url, await getToken(url, "demo", "demo-secret"));
    expect((await api.get("/processRuns/run-q4close")).status).toBe(200);
    expect(io.err()).toMatch(/^GET \/processRuns\/run-q4close 200 \d+ms$/m);
    expect(io.err()).not.toContain("demo-secret");
    controller.abort();
    expect(await exit).toBe(0);
    await expect(fetch(`${url}/processes`)).rejects.toThrow();
  });

  it("uses a seed file, and --quiet logs nothing", async () => {
    const controller = new AbortController();
    const io = watchedIO(controller.signal);
    const seed = fileURLToPath(new URL("./fixtures/emulator/seed-small.json", import.meta.url));
    const exit = runCli(["emulator", "--port", "0", "--seed", seed, "--quiet", "--no-retry-after"], io);
    const url = await io.listening;
    expect(io.out()).toContain("run r1");
    expect(io.out()).toContain("seeded clients only");
    const api = apiClient(url, await getToken(url, "ci-client", "s3cret+/="));
    expect((await api.get("/processRuns/r1")).status).toBe(200);
    controller.abort();
    expect(await exit).toBe(0);
    expect(io.err()).toBe("");
  });

  it("a bad --rate-limit, --port or seed is a user error (exit 1, no stack)", async () => {
    const bad = fileURLToPath(new URL("./fixtures/emulator/seed-bad.json", import.meta.url));
    for (const args of [
      ["--rate-limit", "lots"],
      ["--port", "-3"],
      ["--port", "99999"],
      ["--seed", bad],
    ]) {
      const io = memoryIO({ signal: new AbortController().signal });
      expect(await runCli(["emulator", "--port", "0", ...args], io), args.join(" ")).toBe(1);
      expect(io.err()).toMatch(/^Error: /);
      expect(io.err()).not.toMatch(/\n\s+at /);
    }
  });
});
