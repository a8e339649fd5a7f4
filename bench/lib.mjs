// Helpers shared by the bench sections.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

/**
 * The least time a sliding-window server (`budget.requests` per `budget.perSeconds`) needs to
 * accept `requests` requests: request k (from 0) no earlier than floor(k / N) windows after the
 * first, so no client can finish sooner than the last one.
 */
export const slidingWindowMinimumMs = (requests, budget) =>
  Math.floor(Math.max(0, requests - 1) / budget.requests) * budget.perSeconds * 1000;

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const ms = (n) => `${n.toFixed(0)} ms`;
export const nullIO = (env, cwd) => ({
  stdout: { write() {} },
  stderr: { write() {} },
  stdinIsTTY: false,
  env,
  cwd,
});

export async function time(fn) {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** `jobsync emulator` as a separate process with `seed`, until `close()`. */
export async function emulatorProcess(dir, seed) {
  const seedFile = join(dir, "seed.json");
  writeFileSync(seedFile, JSON.stringify(seed));
  const child = spawn(
    process.execPath,
    ["dist/cli/bin.js", "emulator", "--port", "0", "--seed", seedFile, "--rate-limit", "off", "--quiet"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`emulator exited ${code}`)));
  });
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGINT");
      }),
  };
}
