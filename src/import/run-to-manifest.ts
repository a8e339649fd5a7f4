import { Document, Pair, type Scalar, YAMLMap, YAMLSeq } from "yaml";
import type { LiveRun } from "../api/live-types.js";
import { escapeRawControls, safeJson } from "../diagnostics/terminal-safe.js";
import { MANIFEST_API_VERSION, MANIFEST_KIND } from "../manifest/manifest-schema.js";
import { emptyStats, type ImportEntry, type ImportStats, importEntries } from "./import-entries.js";
import type { ManifestArgValue } from "./manifest-args.js";
import { stringScalar } from "./string-scalar.js";

/**
 * A live process run -> the text of a manifest reproducing its current job runs (contract §2),
 * built as a YAML Document so every comment is a real YAML comment. Pure and stable: the same
 * run state and options always give byte-identical text (the header's "when" is the run's own
 * revision and last-modified stamp, not the time of the import). Strings are written so that
 * YAML 1.1 and 1.2 readers both read them as strings (string-scalar.ts).
 */

export type ImportTarget = { readonly processRun: string } | { readonly processName: string };

export interface RunToManifestOptions {
  readonly target: ImportTarget;
  /** Where the run was read from, e.g. the API base URL (never credentials). */
  readonly source: string;
  /** Value of the `yaml-language-server: $schema=` line (a path or URL of jobsync.schema.json). */
  readonly schemaRef: string;
}

export interface ImportedManifest {
  readonly text: string;
  readonly stats: ImportStats;
}

/** The manifest text for `run`; see `importManifest` for the counts as well. */
export function runToManifest(run: LiveRun, options: RunToManifestOptions): string {
  return importManifest(run, options).text;
}

/** The manifest text for `run`, plus what it holds and what was left out. */
export function importManifest(run: LiveRun, options: RunToManifestOptions): ImportedManifest {
  const stats = emptyStats();
  const entries = importEntries(run.root, stats);
  const doc = new Document();
  doc.commentBefore = headerComment(run, options);
  const root = new YAMLMap();
  root.add(pair("apiVersion", stringScalar(MANIFEST_API_VERSION)));
  root.add(pair("kind", stringScalar(MANIFEST_KIND)));
  root.add(pair("metadata", mapOf([["name", stringScalar(manifestName(run))]])));
  root.add(pair("target", targetNode(options.target)));
  root.add(pair("jobs", entriesNode(entries)));
  doc.contents = root;
  // Every string holding such a character is double-quoted (stringScalar) and every comment built with
  // safeJson, so the characters `yaml` leaves raw can only be inside double quotes.
  return { text: escapeRawControls(doc.toString({ lineWidth: 0 })), stats };
}

function headerComment(run: LiveRun, options: RunToManifestOptions): string {
  return [
    `yaml-language-server: $schema=${options.schemaRef}`,
    `Imported by jobsync import from ${runDescription(run)}.`,
    `Source: ${options.source}`,
    "Re-running jobsync import (with --force) overwrites this file; while the run is unchanged",
    "it gives the same text. Entries match live job runs by action and title.",
  ]
    .map((line) => ` ${oneLine(line)}`)
    .join("\n");
}

/**
 * `process run <id> ("<name>"), revision <n>, last modified <modified>`, leaving out the parts
 * the run does not have: where and when (in the run's own terms) the manifest came from.
 */
export function runDescription(run: LiveRun): string {
  const parts = [`process run ${run.id}${run.name ? ` (${safeJson(run.name)})` : ""}`];
  if (run.revision !== undefined) parts.push(`revision ${run.revision}`);
  if (run.modified !== undefined) parts.push(`last modified ${run.modified}`);
  return parts.join(", ");
}

/** `metadata.name`: a slug of the run's name, else the run id. */
export function manifestName(run: LiveRun): string {
  const slug = (run.name ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return slug === "" ? run.id : slug;
}

function targetNode(target: ImportTarget): YAMLMap {
  if ("processRun" in target) return mapOf([["processRun", stringScalar(target.processRun)]]);
  return mapOf([["process", mapOf([["name", stringScalar(target.processName)]], true)]]);
}

function entriesNode(entries: readonly ImportEntry[]): YAMLSeq {
  const seq = new YAMLSeq();
  for (const entry of entries) seq.items.push(entryNode(entry));
  return seq;
}

function entryNode(entry: ImportEntry): YAMLMap {
  switch (entry.kind) {
    case "ref":
      return commented(mapOf([["ref", mapOf([["id", stringScalar(entry.id)]], true)]]), [
        entry.reason,
        ...(entry.notes ?? []),
      ]);
    case "group": {
      const by =
        "name" in entry.by ? stringScalar(entry.by.name) : mapOf([["id", stringScalar(entry.by.id)]], true);
      const node = mapOf([
        ["group", by],
        ["jobs", entriesNode(entry.entries)],
      ]);
      return commented(node, entry.reason ? [entry.reason] : []);
    }
    case "job": {
      const args = mapOf(entry.args.fields.map(([name, value]) => [name, argNode(value)]));
      const node = mapOf([[entry.action, args]]);
      if (entry.triggerType !== undefined) node.add(pair("triggerType", stringScalar(entry.triggerType)));
      return commented(node, entry.args.notes);
    }
  }
}

function argNode(value: ManifestArgValue): Scalar | YAMLMap {
  if (typeof value === "string") return stringScalar(value);
  return mapOf(
    [
      ["id", stringScalar(value.id)],
      ["type", stringScalar(value.type)],
    ],
    true,
  );
}

function commented<T extends YAMLMap>(node: T, lines: readonly string[]): T {
  if (lines.length > 0) node.commentBefore = lines.map((line) => ` ${oneLine(line)}`).join("\n");
  return node;
}

/** Comments are one line each: titles may hold line breaks. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ");
}

function mapOf(entries: readonly (readonly [string, Scalar | YAMLMap | YAMLSeq])[], flow = false): YAMLMap {
  const map = new YAMLMap();
  for (const [key, value] of entries) map.add(pair(key, value));
  map.flow = flow;
  return map;
}

function pair(key: string, value: Scalar | YAMLMap | YAMLSeq): Pair<Scalar, Scalar | YAMLMap | YAMLSeq> {
  return new Pair(stringScalar(key), value);
}
