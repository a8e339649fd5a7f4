import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { completionTable } from "../src/cli/commands/completion.js";
import { COMMANDS } from "../src/cli/commands/index.js";
import { flagsOf, SHELLS } from "../src/cli/completion.js";
import { GLOBAL_OPTIONS } from "../src/cli/global-options.js";
import { runCli } from "../src/cli/main.js";
import { memoryIO } from "./helpers/memory-io.js";

async function script(shell: string) {
  const io = memoryIO();
  const code = await runCli(["completion", shell], io);
  return { code, out: io.out(), err: io.err() };
}

function has(shell: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${shell}`]).status === 0;
}

/** Runs `check` on the script saved to a file (the shells check files). */
async function withFile<T>(text: string, check: (file: string) => T): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "jobsync-completion-"));
  try {
    const file = path.join(dir, "script");
    await writeFile(file, text);
    return check(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("jobsync completion", () => {
  it.each(SHELLS)("%s: names every command and every flag of the command table", async (shell) => {
    const { code, out } = await script(shell);
    expect(code).toBe(0);
    const table = await completionTable(COMMANDS);
    expect(table.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    for (const command of table) {
      expect(out).toMatch(new RegExp(`\\b${command.name}\\b`));
      for (const flag of flagsOf(command.options)) {
        const long = flag.startsWith("--") ? flag : undefined;
        // fish writes `-l name` / `-s x`; bash and zsh write the flag itself.
        const written = shell === "fish" ? (long ? `-l ${flag.slice(2)} ` : `-s ${flag.slice(1)}`) : flag;
        expect(out, `${command.name} ${flag}`).toContain(written);
      }
    }
    for (const flag of flagsOf(GLOBAL_OPTIONS)) {
      expect(out).toContain(
        shell === "fish" ? (flag.startsWith("--") ? `-l ${flag.slice(2)}` : `-s ${flag.slice(1)}`) : flag,
      );
    }
  });

  it("bash: the script parses, and completes commands, flags and values", async () => {
    const { out } = await script("bash");
    await withFile(out, (file) => {
      execFileSync("bash", ["-n", file]);
      const complete = (words: string[]) =>
        execFileSync(
          "bash",
          [
            "-c",
            `source "$0"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _jobsync jobsync "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"; printf '%s\\n' "\${COMPREPLY[@]}"`,
            file,
          ],
          { encoding: "utf8" },
        ).trim();
      expect(complete(["jobsync", "f"])).toBe("fmt");
      expect(complete(["jobsync", "fmt", "--ch"])).toBe("--check");
      expect(complete(["jobsync", "plan", "--format", ""])).toBe("text\njson\nmarkdown");
      expect(complete(["jobsync", "--config", "x.json", "completion", ""])).toBe("bash\nzsh\nfish");
      expect(complete(["jobsync", "plan", "--detailed"])).toBe("--detailed-exitcode");
    });
  });

  it.skipIf(!has("zsh"))("zsh: the script parses (zsh -n)", async () => {
    const { out } = await script("zsh");
    await withFile(out, (file) => execFileSync("zsh", ["-n", file]));
  });

  it.skipIf(!has("fish"))("fish: the script parses and completes commands, flags and values", async () => {
    const { out } = await script("fish");
    await withFile(out, (file) => {
      execFileSync("fish", ["--no-execute", file]);
      const complete = (line: string) =>
        execFileSync("fish", ["-c", `source $argv[1]; complete -C '${line}'`, file], { encoding: "utf8" });
      expect(complete("jobsync fm")).toMatch(/^fmt\t/);
      expect(complete("jobsync fmt --ch")).toMatch(/^--check\t/);
      expect(
        complete("jobsync plan --format ")
          .split("\n")
          .map((l) => l.split("\t")[0]),
      ).toEqual(expect.arrayContaining(["text", "json", "markdown"]));
    });
  });

  it("refuses an unknown or missing shell (exit 1)", async () => {
    expect(await script("powershell")).toMatchObject({
      code: 1,
      err: expect.stringContaining('unknown shell "powershell"'),
    });
    const io = memoryIO();
    expect(await runCli(["completion"], io)).toBe(1);
    expect(io.err()).toContain("missing SHELL");
  });
});
