import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import { JOB_ACTIONS } from "../src/input/job-kinds.js";
import { memoryIO } from "./helpers/memory-io.js";

/**
 * The entry keys in the order the messages list them: the job kinds come from their table, so a
 * new kind changes these messages without an edit here.
 */
const ENTRY_KEYS = [...JOB_ACTIONS, "ref", "group", "forEach"];
const ENTRY_KEYS_QUOTED = ENTRY_KEYS.map((k) => `\`${k}\``).join(", ");
const ENTRY_KEYS_WORDS = `${ENTRY_KEYS.slice(0, -1).join(", ")} or ${ENTRY_KEYS.at(-1)}`;

/** Fixture root: it holds a .jobsyncrc.json, so the repo's own config is never loaded. */
const cwd = fileURLToPath(new URL("./fixtures/manifests/", import.meta.url));

async function validate(...args: string[]) {
  const io = memoryIO({ cwd });
  const code = await runCli(["validate", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe("jobsync validate", () => {
  it("accepts good manifests: several documents per file, empty documents and files, nested folders", async () => {
    const { code, out, err } = await validate();
    expect(err).toBe(
      "good/empty.yaml: warning: this file has no manifest documents (it is empty, or holds only comments or `---`)\n",
    );
    expect(out).toBe("3 manifests in 3 files are valid (5 job entries).\n");
    expect(code).toBe(0);
  });

  it("takes --manifests relative to the working directory (a single file)", async () => {
    const { code, out } = await validate("--manifests", "good/sub/b.yml");
    expect(out).toBe("1 manifest in 1 file is valid (1 job entry).\n");
    expect(code).toBe(0);
  });

  // One fixture per rule: [file, line, col, message].
  const rules: [string, number, number, string][] = [
    [
      "yaml-syntax",
      3,
      9,
      "YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }",
    ],
    // Unclosed tokens are reported at their opening quote or bracket, not past the end of the file.
    ["unterminated-double-quote", 7, 14, 'YAML syntax error: Missing closing "quote'],
    // One root cause, one message: not also "Flow map ... must end with a }".
    ["unterminated-quote-in-flow-map", 7, 24, "YAML syntax error: Missing closing 'quote"],
    ["unterminated-quote-last-job", 7, 14, 'YAML syntax error: Missing closing "quote'],
    [
      "unclosed-flow-sequence",
      12,
      7,
      "YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ],
    ["duplicate-yaml-key", 7, 7, "duplicate key `title` (a key may appear only once in a mapping)"],
    ["wrong-api-version", 1, 13, 'apiVersion: expected apiVersion "jobsync/v1", got "jobsync/v2"'],
    ["wrong-kind", 2, 7, 'kind: expected kind "JobRuns", got "Job"'],
    ["no-target", 3, 9, "target: expected one of `processRun`, `process`, found an empty mapping"],
    [
      "missing-target",
      1,
      1,
      "missing required key `target` (a mapping with processRun: <id>, process: { id: <id> } or process: { name: <name> }), or `targets:` (a list of them)",
    ],
    [
      "two-targets",
      5,
      3,
      "target: expected exactly one of `processRun`, `process`, found `processRun` and `process`",
    ],
    ["unknown-entry-kind", 6, 5, `jobs[1]: unknown key \`approval\`; expected one of ${ENTRY_KEYS_QUOTED}`],
    [
      "two-kinds",
      6,
      5,
      `jobs[0]: expected exactly one of ${ENTRY_KEYS_QUOTED}, found \`sendTask\` and \`contentRequest\``,
    ],
    ["bad-date", 7, 16, 'jobs[0].sendTask.dueDate: expected a date as YYYY-MM-DD, got "2023-02-29"'],
    ["bad-date-format", 7, 16, 'jobs[0].sendTask.dueDate: expected a date as YYYY-MM-DD, got "12/15/2024"'],
    ["empty-title", 6, 14, "jobs[0].sendTask.title: title must not be empty"],
    ["missing-title", 6, 7, "jobs[0].contentRequest: missing required key `title`"],
    ["missing-assignee", 6, 7, "jobs[0].sendTask: a sendTask needs an assignee (assignee or assigneeUser)"],
    [
      "bad-assignee-shape",
      7,
      17,
      "jobs[0].sendTask.assignee: expected a user id or { id: <id>, type: user | group }, got a list",
    ],
    ["bad-assignee-type", 7, 36, 'jobs[0].sendTask.assignee.type: expected "user" or "group", got "robot"'],
    ["assignee-missing-id", 7, 17, "jobs[0].sendTask.assignee: missing required key `id`"],
    ["empty-trigger-type", 6, 18, 'jobs[0].triggerType: triggerType must not be empty (e.g. "whenEligible")'],
    [
      "trigger-type-not-string",
      6,
      18,
      'jobs[0].triggerType: expected a trigger type (text, e.g. "whenEligible"), got 3',
    ],
    ["jobs-not-list", 5, 3, "jobs: expected a list of entries, got a mapping"],
    ["empty-ref", 5, 10, "jobs[0].ref: expected one of `id`, `title`, found an empty mapping"],
    [
      "duplicate-job",
      7,
      24,
      'jobs[2]: duplicate entry: sendTask "Review" is already listed at line 5 in the same group (a job is identified by its kind and title)',
    ],
    [
      "duplicate-group",
      7,
      12,
      'jobs[1]: duplicate entry: group "Approvals" is already listed at line 5 in the same group (list it once)',
    ],
    [
      "duplicate-ref",
      8,
      14,
      "jobs[0].jobs[1]: duplicate entry: ref { id: jr-1 } is already listed at line 7 in the same group (list it once)",
    ],
    ["unknown-key", 7, 7, "jobs[0].sendTask: unknown key `asignee` (did you mean `assignee`?)"],
    [
      "not-a-mapping",
      1,
      1,
      "expected a JobRuns manifest (a mapping with apiVersion, kind, target and jobs), got a list",
    ],
    [
      "entry-not-a-mapping",
      5,
      5,
      `jobs[0]: expected an entry (a mapping with one of ${ENTRY_KEYS_WORDS}), got "Kickoff"`,
    ],
  ];

  it.each(rules)("reports %s at its line and column", async (name, line, col, message) => {
    const { code, out, err } = await validate("--manifests", `bad/${name}.yaml`);
    expect(err).toBe(`bad/${name}.yaml:${line}:${col}: ${message}\n1 error found.\n`);
    expect(out).toBe("");
    expect(code).toBe(1);
  });

  it("reports every problem in every file in one run, sorted by file then line", async () => {
    const { code, err } = await validate("--manifests", "several");
    expect(err.split("\n")).toEqual([
      'several/a.yaml:5:36: jobs[0].sendTask.dueDate: expected a date as YYYY-MM-DD, got "2024-13-01"',
      "several/a.yaml:6:27: jobs[1].sendTask: unknown key `titel` (did you mean `title`?)",
      'several/a.yaml:9:7: kind: expected kind "JobRuns", got "JobRun"',
      "several/b/b.yaml:4:7: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]",
      "several/c.yaml:5:24: jobs[0].sendTask.title: title must not be empty",
      "5 errors found.",
      "",
    ]);
    expect(code).toBe(1);
  });

  it("reports every rule's fixture together, and never a stack trace", async () => {
    const { code, err } = await validate("--manifests", "bad");
    expect(err).toContain(`${rules.length} errors found.`);
    expect(err).not.toMatch(/\n\s+at /);
    expect(code).toBe(1);
  });

  it("says when the manifest path does not exist", async () => {
    const { code, err } = await validate("--manifests", "nowhere");
    expect(err).toBe(
      "nowhere: no such manifest file or folder (check `manifests` in the config, or --manifests)\n1 error found.\n",
    );
    expect(code).toBe(1);
  });

  describe("an empty manifest set is legal (exit 0) but warned about on stderr", () => {
    const noDocuments =
      "warning: this file has no manifest documents (it is empty, or holds only comments or `---`)";
    it.each([
      ["empty/empty.yaml", "an empty file"],
      ["empty/only-dashes.yaml", "a file of only `---`"],
      ["empty/only-comments.yaml", "a file of only comments and `---`"],
    ])("warns about %s (%s)", async (file) => {
      const { code, out, err } = await validate("--manifests", file);
      expect(err).toBe(`${file}: ${noDocuments}\n`);
      expect(out).toBe("0 manifests in 1 file are valid (0 job entries).\n");
      expect(code).toBe(0);
    });

    it("warns about a folder with no YAML files", async () => {
      const { code, out, err } = await validate("--manifests", "empty/no-yaml");
      expect(err).toBe(
        "empty/no-yaml: warning: no manifest files found in this folder (looked for *.yaml and *.yml)\n",
      );
      expect(out).toBe("0 manifests in 0 files are valid (0 job entries).\n");
      expect(code).toBe(0);
    });

    it("warns once per empty file in a folder", async () => {
      const { code, err } = await validate("--manifests", "empty");
      expect(err.split("\n")).toEqual([
        `empty/empty.yaml: ${noDocuments}`,
        `empty/only-comments.yaml: ${noDocuments}`,
        `empty/only-dashes.yaml: ${noDocuments}`,
        "",
      ]);
      expect(code).toBe(0);
    });
  });

  it("accepts a glob", async () => {
    const { code, out } = await validate("--manifests", "good/**/*.yml");
    expect(out).toBe("1 manifest in 1 file is valid (1 job entry).\n");
    expect(code).toBe(0);
  });
});
