import type { CommandEntry, CommandSpec, OptionSpec } from "./cli-types.js";
import { environmentFor } from "./environment.js";

/** Two columns, the first padded to its widest entry. */
function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`.trimEnd());
}

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  return table(
    Object.entries(options).map(([name, o]) => {
      const value = o.type === "string" ? ` ${o.valueName ?? "VALUE"}` : "";
      return [`${o.short ? `-${o.short}, ` : "    "}--${name}${value}`, o.description] as const;
    }),
  );
}

function environmentLines(command?: string): string[] {
  const variables = environmentFor(command);
  if (variables.length === 0) return [];
  // Long names (lists of variables) get their own line, so the descriptions stay aligned.
  const lines = variables.flatMap((v) =>
    v.name.length > 24
      ? [`  ${v.name}`, `  ${" ".repeat(24)}  ${v.description}`]
      : [`  ${v.name.padEnd(24)}  ${v.description}`],
  );
  return ["Environment:", ...lines, ""];
}

const CONFIG_NOTE = [
  'Config: jobsync.config.ts, .js, .mjs or .json, a .jobsyncrc file or a "jobsync" key in package.json,',
  "in the working directory or the nearest folder above it (--config FILE names one).",
];

/** Help of one command: usage, summary, its options, the global ones, environment and examples. */
export function renderCommandHelp(
  entry: CommandEntry,
  command: CommandSpec,
  globalOptions: Readonly<Record<string, OptionSpec>>,
): string {
  const lines = [`Usage: ${command.usage}`, "", entry.summary, ""];
  if (Object.keys(command.options).length > 0) lines.push("Options:", ...optionLines(command.options), "");
  lines.push("Global options:", ...optionLines(globalOptions), "");
  lines.push(...environmentLines(entry.name));
  lines.push("Examples:");
  for (const example of entry.examples) lines.push(`  ${example.command}`, `      ${example.does}`);
  lines.push("");
  return lines.join("\n");
}

/** Help text: the command list, global options, environment and where the config is looked for. */
export function renderHelp(
  commands: readonly CommandEntry[],
  globalOptions: Readonly<Record<string, OptionSpec>>,
): string {
  return [
    "jobsync: GitOps for Workiva Processes. Plans and applies job runs from YAML manifests.",
    "",
    "Usage: jobsync <command> [options]",
    "",
    "Commands:",
    ...table(commands.map((c) => [c.name, c.summary] as const)),
    "",
    "Global options:",
    ...optionLines(globalOptions),
    "",
    ...environmentLines(),
    ...CONFIG_NOTE,
    "",
    "Examples:",
    "  jobsync validate && jobsync plan --out plan.json",
    "      check the manifests, then save the plan for review",
    "  jobsync apply plan.json",
    "      create exactly the job runs of the reviewed plan",
    "",
    "Exit codes: 0 success, 1 error, 2 changes pending (plan --detailed-exitcode), 3 files to format (fmt --check).",
    "Run `jobsync <command> --help` for a command's options and examples.",
    "",
  ].join("\n");
}
