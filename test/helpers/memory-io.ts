import type { CliIO } from "../../src/cli/cli-types.js";

export interface MemoryIO extends CliIO {
  out(): string;
  err(): string;
}

/** CliIO writing to strings, for running the CLI in-process. */
export function memoryIO(
  options: Partial<Omit<CliIO, "stdout" | "stderr">> & { tty?: boolean; answers?: string[] } = {},
): MemoryIO {
  let out = "";
  let err = "";
  const answers = [...(options.answers ?? [])];
  return {
    stdout: { write: (s: string) => (out += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (err += s), isTTY: options.tty ?? false },
    stdinIsTTY: options.stdinIsTTY ?? options.tty ?? false,
    prompt: options.prompt ?? (async () => answers.shift() ?? ""),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal,
    out: () => out,
    err: () => err,
  };
}
