// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is the template syntax, not a JS placeholder
/**
 * Templates offline (§7, §12): every error `validate` can find, at the `file:LINE:COL` of the
 * expression, and the targets and `forEach` expanded when nothing needs the API.
 */
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../diagnostics/diagnostic.js";
import { parseManifestText } from "./parse-manifest-text.js";

const head = (targets: string) => `apiVersion: jobsync/v1
kind: JobRuns
${targets}
jobs:
`;
const TWO = head(`vars:
  reviewer: u-cfo
targets:
  - processRun: run-oct
    vars: { month: October 2026, periodEnd: 2026-10-31 }
  - processRun: run-nov
    vars: { month: November 2026, periodEnd: 2026-11-30 }`);

const problems = (text: string) => parseManifestText(text, "m.yaml").diagnostics.map(formatDiagnostic);

describe("templates offline: errors at the expression", () => {
  it.each([
    [
      "unknown variable, with a did-you-mean, once for every target",
      '  - sendTask:\n      title: "Rec ${{ vars.mnth }}"\n      assignee: u1\n',
      ["m.yaml:12:28: unknown variable `vars.mnth` (did you mean `vars.month`?) (every target)"],
    ],
    [
      "unknown function",
      "  - sendTask:\n      title: Rec\n      dueDate: ${{ wrkday(vars.periodEnd, 3) }}\n      assignee: u1\n",
      [
        "m.yaml:13:20: unknown function `wrkday` (did you mean `workday`?); the functions are workday, eomonth, edate, addDays (every target)",
      ],
    ],
    [
      "a wrong argument type, per target when the values differ",
      "  - sendTask:\n      title: Rec\n      dueDate: ${{ workday(vars.month, 3) }}\n      assignee: u1\n",
      [
        'm.yaml:13:28: workday(date, n): `date` must be a date (YYYY-MM-DD), got text "October 2026" (target 1)',
        'm.yaml:13:28: workday(date, n): `date` must be a date (YYYY-MM-DD), got text "November 2026" (target 2)',
      ],
    ],
    [
      "a dueDate that is not a date",
      "  - sendTask:\n      title: Rec\n      dueDate: ${{ vars.reviewer }}\n      assignee: u1\n",
      [
        'm.yaml:13:20: `dueDate` needs a date (YYYY-MM-DD), but `vars.reviewer` gives text "u-cfo" (every target)',
      ],
    ],
    [
      "a forEach that is not a list",
      "  - forEach: ${{ vars.month }}\n    jobs:\n      - sendTask: { title: x, assignee: u1 }\n",
      [
        'm.yaml:11:18: `forEach` needs a list, but `vars.month` gives text "October 2026" (target 1)',
        'm.yaml:11:18: `forEach` needs a list, but `vars.month` gives text "November 2026" (target 2)',
      ],
    ],
    [
      "a syntax error",
      '  - sendTask:\n      title: "Rec ${{ vars. }}"\n      assignee: u1\n',
      ["m.yaml:12:27: expected a field name after `.`, found the end of the expression (every target)"],
    ],
    [
      "a nested forEach reusing its outer name",
      '  - forEach: [a, b]\n    jobs:\n      - forEach: [c]\n        jobs:\n          - sendTask: { title: "${{ item }}", assignee: u1 }\n',
      [
        "m.yaml:13:9: `as: item` is already the name of an enclosing forEach: a nested forEach needs its own name (every target)",
      ],
    ],
  ])("%s", (_name, jobs, expected) => {
    expect(problems(TWO + jobs)).toEqual(expected);
  });

  it("two expanded entries with one identity in one group name both sources", () => {
    const jobs =
      '  - forEach: [ACME, ACME]\n    jobs:\n      - sendTask: { title: "Rec ${{ item }}", assignee: u1 }\n';
    expect(problems(TWO + jobs)).toEqual([
      'm.yaml:13:9: duplicate entry after expansion: sendTask "Rec ACME" comes from line 13 [target 1 · item[0]] and line 13 [target 1 · item[1]] in the same group (a job is identified by its kind and title: make the titles differ, e.g. with the forEach item) (target 1)',
      'm.yaml:13:9: duplicate entry after expansion: sendTask "Rec ACME" comes from line 13 [target 2 · item[0]] and line 13 [target 2 · item[1]] in the same group (a job is identified by its kind and title: make the titles differ, e.g. with the forEach item) (target 2)',
    ]);
  });

  it("refuses target and targets together, and process.* in a target's name", () => {
    const both = head("target: { processRun: r1 }\ntargets:\n  - processRun: r2");
    expect(problems(`${both}  - sendTask: { title: x, assignee: u1 }\n`)).toEqual([
      "m.yaml:4:1: `target:` and `targets:` together: use `target:` for one process run, or list every one under `targets:`",
    ]);
    const named = head('target:\n  process: { name: "Close ${{ process.name }}" }');
    expect(problems(`${named}  - sendTask: { title: x, assignee: u1 }\n`)).toEqual([
      "m.yaml:4:31: `process.name` cannot be used in a target's name",
    ]);
  });

  it("says to quote an expression inside a flow mapping", () => {
    const text = `${head("target: { processRun: r1 }")}  - sendTask: { title: \${{ vars.x }} }\n`;
    expect(problems(text)).toEqual([
      'm.yaml:5:24: an expression inside a flow mapping or list (`{ … }`, `[ … ]`) must be quoted: write "${{ vars.x }}" (YAML reads `{` as the start of a mapping)',
    ]);
  });
});

describe("templates offline: expansion", () => {
  it("expands targets and forEach in place, in order, and keeps the types of whole values", () => {
    const jobs = `  - sendTask:
      title: "Open \${{ vars.month }}"
      dueDate: \${{ eomonth(vars.periodEnd, 1) }}
      assignee: u1
  - forEach:
      - { name: US, owner: u-dan }
      - { name: DE, owner: u-eva }
    as: entity
    jobs:
      - certification:
          title: "Cert \${{ entity.name }}"
          assignee: \${{ entity.owner }}
  - sendTask: { title: Close, assignee: "\${{ vars.reviewer }}" }
`;
    const { manifests, pending, diagnostics } = parseManifestText(TWO + jobs, "m.yaml");
    expect(diagnostics).toEqual([]);
    expect(pending).toEqual([]);
    expect(manifests.map((m) => m.target)).toEqual([
      { type: "processRun", id: "run-oct" },
      { type: "processRun", id: "run-nov" },
    ]);
    const nov = manifests[1]?.jobs ?? [];
    expect(
      nov.map((j) => (j.kind === "job" ? [j.title, j.args.dueDate ?? j.args.assignee] : j.kind)),
    ).toEqual([
      ["Open November 2026", "2026-12-31"],
      ["Cert US", { id: "u-dan", type: "user" }],
      ["Cert DE", { id: "u-eva", type: "user" }],
      ["Close", { id: "u-cfo", type: "user" }],
    ]);
    const cert = nov[2];
    expect(cert?.kind === "job" ? cert.template : undefined).toEqual({
      place: "target 2 · entity[1]",
      expressions: { title: "Cert ${{ entity.name }}", "assignee.id": "entity.owner" },
    });
  });

  it("keeps a template that reads process.*, run.* or workday() for the API, checked offline", () => {
    const jobs =
      "  - sendTask:\n      title: x\n      dueDate: ${{ workday(run.created, 2) }}\n      assignee: u1\n";
    const { manifests, pending, diagnostics } = parseManifestText(TWO + jobs, "m.yaml");
    expect(diagnostics).toEqual([]);
    expect(manifests).toEqual([]);
    expect(pending.map((p) => [p.label, p.target, p.needs.workday, [...p.needs.run]])).toEqual([
      ["target 1", { type: "processRun", id: "run-oct" }, true, ["created"]],
      ["target 2", { type: "processRun", id: "run-nov" }, true, ["created"]],
    ]);
    const expanded = pending[0]?.expand({ run: { id: "run-oct", created: "2026-11-02" } });
    const job = expanded?.manifest?.jobs[0];
    expect(job?.kind === "job" ? job.args.dueDate : undefined).toBe("2026-11-04");
  });
});
