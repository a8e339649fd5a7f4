import type { CommandEntry, CommandSpec, OptionSpec } from "./cli-types.js";

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${o.type === "string" ? ` ${o.valueName ?? "VALUE"}` : ""}`;
    return [flag, o.description] as const;
  });
  const width = Math.max(0, ...rows.map(([f]) => f.length));
  return rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`);
}

/** Help of one command: usage, summary, its options and the global ones. */
export function renderCommandHelp(
  entry: CommandEntry,
  command: CommandSpec,
  globalOptions: Readonly<Record<string, OptionSpec>>,
): string {
  const lines = [`Usage: ${command.usage}`, "", entry.summary, ""];
  if (Object.keys(command.options).length > 0) lines.push("Options:", ...optionLines(command.options), "");
  lines.push("Global options:", ...optionLines(globalOptions), "");
  return lines.join("\n");
}

/** Help text: the command list. */
export function renderHelp(
  commands: readonly CommandEntry[],
  globalOptions: Readonly<Record<string, OptionSpec>>,
): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "jobsync: GitOps for Workiva Processes. Plans and applies job runs from YAML manifests.",
    "",
    "Usage: jobsync <command> [options]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Global options:",
    ...optionLines(globalOptions),
    "",
    "Exit codes: 0 success, 1 error, 2 changes pending (plan --detailed-exitcode), 3 files to format (fmt --check).",
    "Run `jobsync <command> --help` for a command's options.",
    "",
  ].join("\n");
}
