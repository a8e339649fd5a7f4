/** What a command gets: injected IO (so tests run the CLI in-process), and its parsed arguments. */

export interface OutStream {
  /** False when the stream's buffer is full (then wait for `drained`). */
  write(chunk: string): unknown;
  /** Resolves once a full stream takes writes again, or is closed (a pipe's reader went away). */
  drained?(): Promise<void>;
  /** True when connected to a terminal. */
  readonly isTTY?: boolean;
  /** The terminal's width in columns, when it is one (read at each use: it changes on resize). */
  readonly columns?: number;
}

export interface CliIO {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  /** Reads one line from the user (TTY confirmation); undefined when stdin is not interactive. */
  readonly prompt?: (question: string) => Promise<string>;
  readonly stdinIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Aborted on Ctrl-C or SIGTERM. */
  readonly signal?: AbortSignal;
  /**
   * Registers what to write when the user presses Ctrl-C a second time, just before the process
   * exits 130 (apply: the summary known so far). The latest registration wins.
   */
  readonly atForcedExit?: (lastWords: () => void) => void;
}

export interface GlobalOptions {
  readonly config?: string;
  readonly manifests?: string;
  readonly color: boolean;
  readonly debug: boolean;
}

export type OptionValue = string | boolean | (string | boolean)[] | undefined;

export interface CommandContext {
  readonly io: CliIO;
  readonly global: GlobalOptions;
  readonly values: Readonly<Record<string, OptionValue>>;
  readonly positionals: readonly string[];
}

export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly multiple?: boolean;
  readonly short?: string;
  /** For help. */
  readonly description: string;
  readonly valueName?: string;
  /** The values a string option takes, when there are few (offered by shell completion). */
  readonly choices?: readonly string[];
}

export interface CommandExample {
  readonly command: string;
  readonly does: string;
}

/** A command as listed by help; its implementation is loaded only when needed. */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  /** For help: command lines a user would type, each with what it does. */
  readonly examples: readonly CommandExample[];
  load(): Promise<CommandSpec>;
}

export interface CommandSpec {
  /** e.g. `jobsync plan [options]`. */
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** What the positional arguments are, for shell completion: file paths, or one of a few words. */
  readonly operands?: "files" | readonly string[];
  /** Returns the exit code. Throws typed errors (UserError, DiagnosticsError, ApiError). */
  run(ctx: CommandContext): Promise<number>;
}
