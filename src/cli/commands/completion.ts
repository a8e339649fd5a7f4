import { UserError } from "../../diagnostics/errors.js";
import type { CommandEntry, CommandSpec } from "../cli-types.js";
import { type CompletionCommand, completionScript, SHELLS, type Shell } from "../completion.js";
import { GLOBAL_OPTIONS } from "../global-options.js";
import { COMMANDS } from "./index.js";

const USAGE = "jobsync completion bash|zsh|fish";

/** `jobsync completion SHELL`: prints the completion script of every command and flag. */
export const completionCommand: CommandSpec = {
  usage: USAGE,
  operands: SHELLS,
  options: {},
  async run(ctx) {
    const shell = ctx.positionals[0];
    if (shell === undefined || !SHELLS.includes(shell as Shell) || ctx.positionals.length > 1) {
      throw new UserError(
        shell === undefined ? "missing SHELL" : `unknown shell "${ctx.positionals.join(" ")}"`,
        `Usage: ${USAGE}`,
      );
    }
    ctx.io.stdout.write(completionScript(shell as Shell, await completionTable(COMMANDS), GLOBAL_OPTIONS));
    return 0;
  },
};

/** Every command of the table with its options (each command's module loaded). */
export async function completionTable(commands: readonly CommandEntry[]): Promise<CompletionCommand[]> {
  return Promise.all(
    commands.map(async (entry) => {
      const spec = await entry.load();
      return {
        name: entry.name,
        summary: entry.summary,
        options: spec.options,
        ...(spec.operands !== undefined ? { operands: spec.operands } : {}),
      };
    }),
  );
}
