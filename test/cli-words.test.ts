/** Did-you-mean for commands and flags, in our own words (issue 15.2), through runCli. */
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import { memoryIO } from "./helpers/memory-io.js";

const run = async (args: string[]) => {
  const io = memoryIO({ cwd: import.meta.dirname });
  const code = await runCli(args, io);
  return { code, err: io.err(), out: io.out() };
};

describe("commands and flags in our own words", () => {
  it.each([
    [["plna"], 'Error: unknown command "plna" (did you mean "plan"?)'],
    [
      ["plan", "-detailed-exitcode"],
      "Error: unknown option -detailed-exitcode (jobsync spells it --detailed-exitcode)",
    ],
    [["apply", "-auto-approve"], "Error: unknown option -auto-approve (jobsync spells it --auto-approve)"],
    [
      ["plan", "--detailed-exitcod"],
      "Error: unknown option --detailed-exitcod (did you mean --detailed-exitcode?)",
    ],
    [["plan", "--out"], "Error: --out needs a value (FILE)"],
    [["plan", "--detailed-exitcode=yes"], 'Error: --detailed-exitcode takes no value (got "yes")'],
  ])("%j", async (args, first) => {
    const { code, err, out } = await run(args);
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err.split("\n")[0]).toBe(first);
    expect(err).not.toMatch(/ERR_PARSE_ARGS|TypeError|'/);
  });
});
