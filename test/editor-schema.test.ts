/**
 * The manifest JSON Schema as an editor shows it: yaml-language-server (the server behind the YAML
 * extensions of VS Code and other editors) run over stdio on a project laid out as a user's is
 * (jobsync installed in node_modules, the sample manifests, the documented .vscode/settings.json):
 * no diagnostics on the samples, readable messages on a bad multi-document manifest, one
 * completion item per kind, triggerType values.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startYamlLsp, type YamlLsp, yamlLanguageServerDir } from "./helpers/yaml-lsp.js";

const REPO = path.resolve(import.meta.dirname, "..");
const server = yamlLanguageServerDir();

function findManifestFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** The association the README documents for a project that installs jobsync. */
const USER_SETTINGS = {
  "yaml.schemas": {
    "./node_modules/jobsync/schema/jobsync.schema.json": ["manifests/**/*.yaml", "manifests/**/*.yml"],
  },
};

describe.skipIf(server === undefined)(
  `yaml-language-server on the manifests${server === undefined ? " (skipped: the devDependency yaml-language-server is not installed; run npm ci)" : ""}`,
  () => {
    let project: string;
    let lsp: YamlLsp;
    const uri = (file: string) => `file://${path.join(project, file)}`;

    beforeAll(async () => {
      project = mkdtempSync(path.join(tmpdir(), "jobsync-editor-"));
      mkdirSync(path.join(project, "node_modules/jobsync/schema"), { recursive: true });
      cpSync(
        path.join(REPO, "schema/jobsync.schema.json"),
        path.join(project, "node_modules/jobsync/schema/jobsync.schema.json"),
      );
      cpSync(path.join(REPO, "manifests"), path.join(project, "manifests"), { recursive: true });
      mkdirSync(path.join(project, ".vscode"));
      writeFileSync(path.join(project, ".vscode/settings.json"), JSON.stringify(USER_SETTINGS));
      const settings = JSON.parse(readFileSync(path.join(project, ".vscode/settings.json"), "utf8")) as {
        "yaml.schemas": object;
      };
      lsp = await startYamlLsp(server as string, project, {
        validate: true,
        completion: true,
        hover: true,
        schemas: settings["yaml.schemas"],
      });
    }, 15_000);

    afterAll(async () => {
      await lsp?.close();
      if (project) rmSync(project, { recursive: true, force: true });
    });

    it("shows nothing wrong in the sample manifests (their modeline resolves in node_modules)", async () => {
      const files = findManifestFiles(path.join(project, "manifests"));
      expect(files.length).toBeGreaterThanOrEqual(4);
      for (const file of files) {
        const text = readFileSync(file, "utf8");
        expect(text.split("\n")[0]).toMatch(
          /^# yaml-language-server: \$schema=(\.\.\/)+node_modules\/jobsync\//,
        );
        const diagnostics = await lsp.open(`file://${file}`, text);
        expect(diagnostics, path.relative(project, file)).toEqual([]);
      }
    });

    it("says in words what is wrong, in every document of a file (settings association, no modeline)", async () => {
      const bad = [
        "apiVersion: jobsync/v1",
        "kind: JobRuns",
        "target: { processRun: run-1 }",
        "jobs:",
        "  - sendTask:",
        '      title: " "',
        "      assignee: u1",
        "      dueDate: 2024-02-30",
        "  - sendTask: { title: A, assignee: u1 }",
        "    certification: { title: B }",
        "---",
        "apiVersion: jobsync/v1",
        "kind: JobRuns",
        "target: { processRun: run-2 }",
        "jobs:",
        "  - certification: { title: C, dueDate: 15.12.2024 }",
        "",
      ].join("\n");
      const diagnostics = await lsp.open(uri("manifests/bad.yaml"), bad);
      const at = diagnostics.map((d) => [d.range.start.line, d.message] as const);
      expect(at).toContainEqual([5, expect.stringContaining("title must not be blank")]);
      expect(at).toContainEqual([7, expect.stringContaining("Expected a date as YYYY-MM-DD")]);
      expect(at).toContainEqual([9, expect.stringContaining("exactly one kind")]);
      expect(at).toContainEqual([15, expect.stringContaining("Expected a date as YYYY-MM-DD")]);
      for (const d of diagnostics) {
        expect(d.message).not.toMatch(/pattern|\\d|RFC3339/);
        expect(d.message.length).toBeLessThan(200);
      }
    });

    it("offers each kind once, as a snippet, and the triggerType values", async () => {
      const text = [
        "apiVersion: jobsync/v1",
        "kind: JobRuns",
        "target: { processRun: run-1 }",
        "jobs:",
        "  - ",
        "",
      ].join("\n");
      await lsp.open(uri("manifests/new.yaml"), text);
      const labels = (await lsp.completion(uri("manifests/new.yaml"), 4, 4)).map((i) => i.label);
      for (const kind of ["sendTask", "contentRequest", "certification", "ref", "group", "forEach"]) {
        expect(
          labels.filter((l) => l === kind || l.startsWith(`${kind} `)),
          kind,
        ).toHaveLength(1);
      }
      const items = await lsp.completion(uri("manifests/new.yaml"), 4, 4);
      const sendTask = items.find((i) => i.label === "sendTask");
      expect(sendTask?.insertText ?? sendTask?.textEdit?.newText).toContain("title: $" + "{1:Title}");

      const withTrigger = text.replace("  - ", "  - sendTask: { title: A, assignee: u1 }\n    triggerType: ");
      await lsp.open(uri("manifests/trigger.yaml"), withTrigger);
      const values = (await lsp.completion(uri("manifests/trigger.yaml"), 5, 17)).map((i) => i.label);
      expect(values).toContain("whenEligible");
      expect(values).toContain("manual");
    });
  },
);
