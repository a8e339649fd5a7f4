import { closestWord } from "../input/did-you-mean.js";
import type { OptionSpec } from "./cli-types.js";

/**
 * Flags checked in our own words before they are parsed (issue 15): an unknown flag gets a
 * did-you-mean, Terraform's single-dash spellings (`-detailed-exitcode`, `-auto-approve`) are
 * recognised and pointed to their `--` form, and a flag that needs a value says so.
 */

export interface FlagProblem {
  readonly message: string;
  readonly hint: string;
}

function suggestion(name: string, known: readonly string[]): string {
  const close = closestWord(name, known);
  return close === undefined ? "" : ` (did you mean --${close}?)`;
}

export function flagProblem(
  command: string,
  options: Readonly<Record<string, OptionSpec>>,
  args: readonly string[],
): FlagProblem | undefined {
  const names = Object.keys(options);
  const shorts = new Map(
    Object.entries(options).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])),
  );
  const help = `Options of jobsync ${command}: ${names.map((n) => `--${n}`).join(", ")}. See jobsync ${command} --help.`;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") return undefined;
    if (!arg.startsWith("-") || arg === "-") continue;
    if (arg.startsWith("--")) {
      const [name = "", value] = arg.slice(2).split("=", 2);
      const option = options[name];
      if (option === undefined)
        return { message: `unknown option --${name}${suggestion(name, names)}`, hint: help };
      if (option.type === "string" && value === undefined) {
        const next = args[i + 1];
        if (next === undefined || next.startsWith("--"))
          return {
            message: `--${name} needs a value${option.valueName ? ` (${option.valueName})` : ""}`,
            hint: help,
          };
        i++;
      }
      if (option.type === "boolean" && value !== undefined)
        return { message: `--${name} takes no value (got "${value}")`, hint: help };
      continue;
    }
    const single = arg.slice(1).split("=", 2)[0] ?? "";
    if (single.length === 1 && shorts.has(single)) {
      if (options[shorts.get(single) as string]?.type === "string") i++;
      continue;
    }
    // Terraform spells long flags with one dash.
    if (options[single] !== undefined)
      return { message: `unknown option ${arg} (jobsync spells it --${single})`, hint: help };
    return { message: `unknown option ${arg}${suggestion(single, names)}`, hint: help };
  }
  return undefined;
}
