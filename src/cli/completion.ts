import type { OptionSpec } from "./cli-types.js";

/**
 * Shell completion scripts, generated from the command table (names, summaries, each command's
 * options and operands) and the global options: a flag added to a command is completed without
 * touching this file. Pure: the table in, the script text out.
 */

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

/** What completion needs of one command. */
export interface CompletionCommand {
  readonly name: string;
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly operands?: "files" | readonly string[];
}

type Options = Readonly<Record<string, OptionSpec>>;

/** Value names that stand for a path: their values are completed as files. */
const PATH_VALUES = new Set(["FILE", "PATH", "DIR", "FOLDER"]);

/** How an option's value is completed: not at all (a flag), from words, as a path, or freely. */
type ValueKind =
  | { kind: "none" }
  | { kind: "words"; words: readonly string[] }
  | { kind: "files" }
  | { kind: "any" };

function valueKind(option: OptionSpec): ValueKind {
  if (option.type === "boolean") return { kind: "none" };
  if (option.choices && option.choices.length > 0) return { kind: "words", words: option.choices };
  return PATH_VALUES.has(option.valueName ?? "") ? { kind: "files" } : { kind: "any" };
}

/** `--name` and `-s` spellings of every option. */
export function flagsOf(options: Options): string[] {
  return Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
}

/** The `help` pseudo-command (`jobsync help plan`), completed like the others. */
function withHelp(commands: readonly CompletionCommand[]): CompletionCommand[] {
  return [
    ...commands,
    { name: "help", summary: "Show help for a command", options: {}, operands: commands.map((c) => c.name) },
  ];
}

export function completionScript(
  shell: Shell,
  commands: readonly CompletionCommand[],
  globalOptions: Options,
): string {
  const all = withHelp(commands);
  if (shell === "bash") return bashScript(all, globalOptions);
  if (shell === "zsh") return zshScript(all, globalOptions);
  return fishScript(all, globalOptions);
}

// ---- bash ----

function bashValueCases(options: Options, indent: string): string[] {
  const lines: string[] = [];
  for (const [name, o] of Object.entries(options)) {
    const value = valueKind(o);
    const spellings = [`--${name}`, ...(o.short ? [`-${o.short}`] : [])].join("|");
    // No reply: bash falls back to file names (`complete -o default`).
    if (value.kind === "words")
      lines.push(
        `${indent}${spellings}) COMPREPLY=($(compgen -W "${value.words.join(" ")}" -- "$cur")); return ;;`,
      );
    else if (value.kind !== "none") lines.push(`${indent}${spellings}) return ;;`);
  }
  return lines;
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: a bash expansion, not a template
const WORD_I = "${COMP_WORDS[i]}";

function bashScript(commands: readonly CompletionCommand[], globals: Options): string {
  const globalValued = Object.entries(globals)
    .filter(([, o]) => o.type === "string")
    .flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
  const branch = (command: CompletionCommand | undefined): string[] => {
    const options = { ...(command?.options ?? {}), ...globals };
    const operands = command === undefined ? commands.map((c) => c.name) : command.operands;
    const words = Array.isArray(operands) ? operands.join(" ") : undefined;
    const nonFlag =
      words !== undefined
        ? `COMPREPLY=($(compgen -W "${words}" -- "$cur"))`
        : operands === "files"
          ? ":"
          : "COMPREPLY=()";
    return [
      `    ${command === undefined ? '""' : command.name})`,
      '      case "$prev" in',
      ...bashValueCases(options, "        "),
      "      esac",
      '      if [[ "$cur" == -* ]]; then',
      `        COMPREPLY=($(compgen -W "${flagsOf(options).join(" ")}" -- "$cur"))`,
      "      else",
      `        ${nonFlag}`,
      "      fi",
      "      ;;",
    ];
  };
  return [
    "# jobsync completion for bash. Load it in this shell with: source <(jobsync completion bash)",
    "# or for every shell: jobsync completion bash > ~/.local/share/bash-completion/completions/jobsync",
    "_jobsync() {",
    '  local cur="$2" prev="$3" cmd="" i',
    "  COMPREPLY=()",
    "  for ((i = 1; i < COMP_CWORD; i++)); do",
    `    case "${WORD_I}" in`,
    ...(globalValued.length > 0 ? [`      ${globalValued.join("|")}) ((i++)) ;;`] : []),
    "      -*) ;;",
    `      *) cmd="${WORD_I}"; break ;;`,
    "    esac",
    "  done",
    '  case "$cmd" in',
    ...branch(undefined),
    ...commands.flatMap((c) => branch(c)),
    "    *) ;;",
    "  esac",
    "}",
    "complete -o default -F _jobsync jobsync",
    "",
  ].join("\n");
}

// ---- zsh ----

/** Inside a zsh single-quoted word. */
const zshQuote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
/** An `_arguments` description (between `[` and `]`) or message. */
const zshText = (s: string) => s.replace(/\\/g, "\\\\").replace(/([[\]:])/g, "\\$1");

function zshOptionSpecs(options: Options): string[] {
  return Object.entries(options).flatMap(([name, o]) => {
    const value = valueKind(o);
    const action =
      value.kind === "none"
        ? ""
        : `:${zshText(o.valueName ?? "VALUE")}:${value.kind === "words" ? `(${value.words.join(" ")})` : value.kind === "files" ? "_files" : " "}`;
    const spellings = [`--${name}`, ...(o.short ? [`-${o.short}`] : [])];
    const exclusive = spellings.length > 1 ? `(${spellings.join(" ")})` : "";
    const repeat = o.multiple ? "*" : "";
    return spellings.map((flag) =>
      zshQuote(`${repeat || exclusive}${flag}[${zshText(o.description)}]${action}`),
    );
  });
}

function zshOperandSpec(operands: CompletionCommand["operands"]): string[] {
  if (operands === "files") return [zshQuote("*:file:_files")];
  if (Array.isArray(operands)) return [zshQuote(`1:argument:(${operands.join(" ")})`)];
  return [];
}

function zshScript(commands: readonly CompletionCommand[], globals: Options): string {
  const globalSpecs = zshOptionSpecs(globals);
  return [
    "#compdef jobsync",
    "# jobsync completion for zsh. Load it in this shell with: source <(jobsync completion zsh)",
    "# (after `autoload -U compinit && compinit`), or save it as _jobsync in a folder of $fpath.",
    "_jobsync() {",
    "  local curcontext=$curcontext state line",
    "  local -a commands",
    "  commands=(",
    ...commands.map((c) => `    ${zshQuote(`${c.name}:${c.summary}`)}`),
    "  )",
    "  _arguments -C \\",
    ...globalSpecs.map((s) => `    ${s} \\`),
    "    '1:command:->command' \\",
    "    '*::argument:->argument'",
    "  case $state in",
    "    command) _describe -t commands 'jobsync command' commands ;;",
    "    argument)",
    "      case $words[1] in",
    ...commands.map((c) =>
      [
        `        ${c.name}) _arguments \\`,
        ...[...zshOptionSpecs(c.options), ...globalSpecs, ...zshOperandSpec(c.operands)].map(
          (s) => `            ${s} \\`,
        ),
        "            && return 0 ;;",
      ].join("\n"),
    ),
    "      esac",
    "      ;;",
    "  esac",
    "}",
    'if [ "$funcstack[1]" = "_jobsync" ]; then',
    '  _jobsync "$@"',
    "else",
    "  compdef _jobsync jobsync",
    "fi",
    "",
  ].join("\n");
}

// ---- fish ----

const fishQuote = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

function fishOptionLines(options: Options, condition: string): string[] {
  return Object.entries(options).map(([name, o]) => {
    const value = valueKind(o);
    const parts = ["complete -c jobsync", condition, `-l ${name}`];
    if (o.short) parts.push(`-s ${o.short}`);
    if (value.kind === "words") parts.push(`-x -a ${fishQuote(value.words.join(" "))}`);
    else if (value.kind === "files") parts.push("-r -F");
    else if (value.kind === "any") parts.push("-x");
    parts.push(`-d ${fishQuote(o.description)}`);
    return parts.filter((p) => p !== "").join(" ");
  });
}

function fishScript(commands: readonly CompletionCommand[], globals: Options): string {
  const names = commands.map((c) => c.name).join(" ");
  const lines = [
    "# jobsync completion for fish. Load it in this shell with: jobsync completion fish | source",
    "# or for every shell: jobsync completion fish > ~/.config/fish/completions/jobsync.fish",
    "complete -c jobsync -f",
    ...commands.map(
      (c) =>
        `complete -c jobsync -n ${fishQuote(`not __fish_seen_subcommand_from ${names}`)} -a ${c.name} -d ${fishQuote(c.summary)}`,
    ),
    ...fishOptionLines(globals, ""),
  ];
  for (const c of commands) {
    const condition = `-n ${fishQuote(`__fish_seen_subcommand_from ${c.name}`)}`;
    lines.push(...fishOptionLines(c.options, condition));
    if (c.operands === "files") lines.push(`complete -c jobsync ${condition} -F`);
    else if (Array.isArray(c.operands))
      lines.push(`complete -c jobsync ${condition} -x -a ${fishQuote(c.operands.join(" "))}`);
  }
  return `${lines.join("\n")}\n`;
}
