import { spawn } from "node:child_process";
import { resolve } from "node:path";

/** The shipped binary, built by `npm test`'s pretest. */
export const BIN = resolve(import.meta.dirname, "../../dist/cli/bin.js");

export interface BinResult {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Runs `node dist/cli/bin.js ARGS` in `cwd` with only PATH and `env`; its exit code and whole output. */
export function runBin(args: readonly string[], options: { cwd: string; env?: Record<string, string> }) {
  return new Promise<BinResult>((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? "", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (err += s));
    child.on("error", fail);
    child.on("close", (code) => done({ code, out, err }));
  });
}
