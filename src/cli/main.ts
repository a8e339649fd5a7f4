import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { formatDiagnostic } from "../diagnostics/diagnostic.js";
import { ApiError, DiagnosticsError, UserError } from "../diagnostics/errors.js";
import { escapeControls, escapeLines } from "../diagnostics/terminal-safe.js";
import { closestWord } from "../input/did-you-mean.js";
import { count } from "../render/words.js";
import type { CliIO, CommandSpec, GlobalOptions, OutStream } from "./cli-types.js";
import { colorChoice } from "./color-choice.js";
import { COMMANDS } from "./commands/index.js";
import { flagProblem } from "./flag-words.js";
import { GLOBAL_OPTIONS, version } from "./global-options.js";
import { renderCommandHelp, renderHelp } from "./help.js";

/**
 * Runs the CLI with injected IO and returns the exit code (0 ok, 1 error, 2 changes pending with
 * --detailed-exitcode). The one place that maps errors to exit codes.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const debug = argv.includes("--debug");
  try {
    const name = commandName(argv);
    if (name === undefined && (argv.includes("--version") || argv.includes("-v"))) {
      io.stdout.write(`${version()}\n`);
      return 0;
    }
    if (name === "help") {
      const topic = COMMANDS.find((c) => c.name === argv[argv.indexOf("help") + 1]);
      if (topic) return await runCli([topic.name, "--help"], io);
    }
    const entry = COMMANDS.find((c) => c.name === name);
    if (!entry) {
      if (name === undefined || name === "help" || argv.includes("--help") || argv.includes("-h")) {
        io.stdout.write(renderHelp(COMMANDS, GLOBAL_OPTIONS));
        return name === undefined && !argv.includes("--help") && !argv.includes("-h") ? 1 : 0;
      }
      const close = closestWord(
        name,
        COMMANDS.map((c) => c.name),
      );
      throw new UserError(
        `unknown command "${name}"${close ? ` (did you mean "${close}"?)` : ""}`,
        `Commands: ${COMMANDS.map((c) => c.name).join(", ")}. See jobsync --help.`,
      );
    }
    const command = await entry.load();
    const rest = argv.filter((_, i) => i !== argv.indexOf(entry.name));
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout.write(renderCommandHelp(entry, command, GLOBAL_OPTIONS));
      return 0;
    }
    const { values, positionals } = parseCommandArgs(entry.name, command, rest);
    const global: GlobalOptions = {
      config: values.config as string | undefined,
      manifests: values.manifests as string | undefined,
      color: colorChoice(values["no-color"] === true, io.env, io.stdout.isTTY === true),
      debug,
    };
    return await command.run({ io, global, values, positionals });
  } catch (error) {
    return reportError(error, io, debug);
  }
}

/** The first positional argument, skipping the values of global string options (`--config FILE plan`). */
function commandName(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("-")) return arg;
    const option = GLOBAL_OPTIONS[arg.slice(2)];
    if (option?.type === "string" && !arg.includes("=")) i++;
  }
  return undefined;
}

function parseCommandArgs(name: string, command: CommandSpec, args: string[]) {
  const options = { ...GLOBAL_OPTIONS, ...command.options };
  const problem = flagProblem(name, options, args);
  if (problem) throw new UserError(problem.message, problem.hint);
  try {
    return parseArgs({
      args,
      options: Object.fromEntries(
        Object.entries(options).map(([k, o]) => [
          k,
          { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UserError(
      (error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ""),
      `See jobsync ${name} --help.`,
    );
  }
}

function reportError(error: unknown, io: CliIO, debug: boolean): number {
  const err = (s: string) => io.stderr.write(`${s}\n`);
  if (error instanceof DiagnosticsError) {
    for (const d of error.diagnostics) err(formatDiagnostic(d));
    const n = error.diagnostics.filter((d) => d.severity === "error").length;
    err(`${count(n, "error")} found.`);
  } else if (error instanceof UserError) {
    err(`Error: ${escapeLines(error.message)}`);
    if (error.hint) err(escapeLines(error.hint));
  } else if (error instanceof ApiError) {
    const { status, method, path, hint } = error.details;
    err(`Error: ${escapeLines(error.message)}`);
    err(`  (${method} ${escapeControls(path)}${status !== undefined ? ` -> HTTP ${status}` : ""})`);
    if (hint) err(escapeLines(hint));
  } else {
    err(
      `Unexpected error (this is a bug in jobsync): ${escapeLines(error instanceof Error ? error.message : String(error))}`,
    );
    if (debug && error instanceof Error && error.stack) err(error.stack);
    else err("Run again with --debug to see the stack trace, and please report it.");
  }
  return 1;
}

/**
 * A stream whose reader may go away (`jobsync plan | head`): once the pipe is closed (EPIPE),
 * further output is dropped instead of crashing, so a command (an apply above all) runs to its end.
 */
export function pipeSafe(stream: NodeJS.WriteStream): OutStream {
  let closed = false;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    closed = true;
  });
  return {
    isTTY: stream.isTTY === true,
    get columns() {
      return stream.columns;
    },
    write: (chunk: string) => closed || stream.write(chunk),
    drained: () =>
      closed
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const events = ["drain", "close", "error"] as const;
            const done = () => {
              for (const event of events) stream.off(event, done);
              resolve();
            };
            for (const event of events) stream.once(event, done);
          }),
  };
}

/**
 * The real process: stdout/stderr, env, Ctrl-C and SIGTERM. Ends by setting `process.exitCode`
 * (stdout must drain). The first Ctrl-C or SIGTERM aborts the command's signal (it ends every
 * wait, lets requests in flight settle and prints the summary); only a second Ctrl-C writes the
 * command's last words (what it knows so far) and calls `process.exit(130)`.
 */
export async function main(): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  let lastWords: (() => void) | undefined;
  const onInterrupt = () => {
    interrupts += 1;
    if (interrupts > 1) {
      try {
        lastWords?.();
      } finally {
        process.exit(130);
      }
    }
    controller.abort();
  };
  process.on("SIGINT", onInterrupt);
  process.on("SIGTERM", () => controller.abort());
  const io: CliIO = {
    stdout: pipeSafe(process.stdout),
    stderr: pipeSafe(process.stderr),
    stdinIsTTY: process.stdin.isTTY === true,
    prompt: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
    atForcedExit: (words) => {
      lastWords = words;
    },
  };
  process.exitCode = await runCli(process.argv.slice(2), io);
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
}
