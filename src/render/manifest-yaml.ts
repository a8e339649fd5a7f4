import { Document } from "yaml";
import { safeJson } from "../diagnostics/terminal-safe.js";
import { argFieldType } from "../input/job-kinds.js";
import type { TargetSpec } from "../input/targets.js";
import type { DesiredEntry, DesiredManifest } from "../manifest/desired-types.js";
import { DEFAULT_TRIGGER_TYPE, MANIFEST_API_VERSION, MANIFEST_KIND } from "../manifest/manifest-schema.js";
import { plain } from "./words.js";

/**
 * `jobsync render`: manifests as they are after templates are expanded (§5, §7), one YAML
 * document (or JSON object) per target, written as a person would write them by hand: user
 * shorthands for `{ id, type: user }`, `triggerType` only when it is not the default. Reading
 * the output back as a manifest gives the same desired state.
 */

export interface RenderedManifest {
  readonly manifest: DesiredManifest;
  /** The process run the target resolved to, when it was read. */
  readonly runId?: string;
}

function targetValue(target: TargetSpec): Record<string, unknown> {
  switch (target.type) {
    case "processRun":
      return { processRun: target.id };
    case "processId":
      return { process: { id: target.id } };
    case "processName":
      return { process: { name: target.name } };
  }
}

function argValue(action: string, key: string, value: unknown): unknown {
  if (argFieldType(action, key) !== "principal") return value;
  const p = value as { id?: unknown; type?: unknown };
  return p.type === "user" && typeof p.id === "string" ? p.id : value;
}

function entryValue(entry: DesiredEntry): Record<string, unknown> {
  switch (entry.kind) {
    case "job": {
      const args = Object.fromEntries(
        Object.entries(entry.args).map(([k, v]) => [k, argValue(entry.action, k, v)]),
      );
      return {
        [entry.action]: args,
        ...(entry.triggerType !== DEFAULT_TRIGGER_TYPE ? { triggerType: entry.triggerType } : {}),
      };
    }
    case "ref":
      return { ref: { ...entry.by } };
    case "group":
      return {
        group: "name" in entry.by ? entry.by.name : { id: entry.by.id },
        jobs: entry.jobs.map(entryValue),
      };
  }
}

/** The manifest as plain data (the JSON form of `render`). */
export function manifestValue(manifest: DesiredManifest): Record<string, unknown> {
  return {
    apiVersion: MANIFEST_API_VERSION,
    kind: MANIFEST_KIND,
    ...(manifest.name !== undefined ? { metadata: { name: manifest.name } } : {}),
    target: targetValue(manifest.target),
    jobs: manifest.jobs.map(entryValue),
  };
}

/** Every manifest as one YAML document, each headed by where its target is written. */
export function renderManifestsYaml(manifests: readonly RenderedManifest[]): string {
  return manifests
    .map(({ manifest, runId }) => {
      const doc = new Document(manifestValue(manifest));
      const at = `${manifest.targetSource.file}:${manifest.targetSource.line}`;
      const header = `# ${plain(at, 200)}${runId ? ` → process run ${plain(runId, 100)}` : ""}\n`;
      return header + doc.toString({ lineWidth: 0 });
    })
    .join("---\n");
}

/** `render --format json`: `[{ file, line, runId?, manifest }]`. */
export function renderManifestsJson(manifests: readonly RenderedManifest[]): string {
  const value = manifests.map(({ manifest, runId }) => ({
    file: manifest.targetSource.file,
    line: manifest.targetSource.line,
    ...(runId ? { runId } : {}),
    manifest: manifestValue(manifest),
  }));
  return `${safeJson(value, undefined, 2)}\n`;
}
