/**
 * ProcessRun JSON -> LiveRun: a plain tree with siblings sorted by `ordinal`, parent links
 * honoured (`parent` absent = under root), both wrapped (`{type, jobRun|job|groupRun|group}`) and
 * bare child shapes accepted, generated certification children marked. Linear in tree size.
 */

import { kindArgs } from "../input/job-kinds.js";
import {
  parseOrThrow,
  processRunSchema,
  ResponseShapeError,
  type RunNodeJson,
  runNodeSchema,
} from "./api-schema.js";
import { fingerprintRun } from "./fingerprint.js";
import type { LiveGroupRun, LiveJobRun, LiveNode, LiveRun } from "./live-types.js";

/** Action kinds the API generates under certifications (read-only, never managed). */
export function isGeneratedAction(action: string): boolean {
  return action.startsWith("certification") && action.endsWith("Generated");
}

interface Entry {
  readonly node: RunNodeJson;
  readonly kind: "job" | "group";
  /** The group whose `children` held it. */
  readonly container: string;
  /** Encounter order, the tie-break when ordinals are equal or missing. */
  readonly seq: number;
}

/** Parses a GET /processRuns/{id} body. Throws ResponseShapeError when it cannot be read. */
export function parseProcessRun(json: unknown): LiveRun {
  if (isRecord(json) && !isRecord(json.root)) {
    const keys = Object.keys(json).sort().join(", ") || "none";
    throw new ResponseShapeError(
      `the process run has no \`root\` group to read its job runs from; its keys: ${keys}`,
    );
  }
  const run = parseOrThrow(processRunSchema, json, "ProcessRun");
  const rootNode = parseOrThrow(runNodeSchema, run.root, "ProcessRun root group");
  const entries = collect(rootNode);
  const root = buildTree(rootNode, entries);
  const processId = run.process ?? run.processId ?? undefined;
  const modified = stampDateTime(json, "modified");
  const created = stampDateTime(json, "created");
  return {
    id: run.id,
    ...(processId ? { processId } : {}),
    ...(run.name ? { name: run.name } : {}),
    ...(run.status ? { status: run.status } : {}),
    ...(run.revision !== null && run.revision !== undefined ? { revision: run.revision } : {}),
    ...(modified !== undefined ? { modified } : {}),
    ...(created !== undefined ? { created } : {}),
    root,
    fingerprint: fingerprintRun(root),
  };
}

/** `modified.dateTime` or `created.dateTime` of a ProcessRun body (audit stamps), if a non-empty string. */
function stampDateTime(json: unknown, key: "modified" | "created"): string | undefined {
  const stamp = isRecord(json) ? json[key] : undefined;
  const dateTime = isRecord(stamp) ? stamp.dateTime : undefined;
  return typeof dateTime === "string" && dateTime !== "" ? dateTime : undefined;
}

/** Walks every `children` array (iteratively) and validates each node once. */
function collect(rootNode: RunNodeJson): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const stack: { node: RunNodeJson; path: string }[] = [{ node: rootNode, path: "root" }];
  let seq = 0;
  while (stack.length > 0) {
    const { node: group, path } = stack.pop() as { node: RunNodeJson; path: string };
    (group.children ?? []).forEach((child, i) => {
      const at = `${path}.children.${i}`;
      const { value, hint, problem } = unwrap(child);
      if (problem) throw new ResponseShapeError(`${at} is ${problem}; its keys: ${keyList(child)}`);
      const parsed = runNodeSchema.safeParse(value);
      if (!parsed.success) {
        const why = unreadable(child);
        throw new ResponseShapeError(
          `${at} is neither a job run nor a group run (${why}); its keys: ${keyList(child)}`,
        );
      }
      const node = parsed.data;
      const kind = hint ?? kindOf(node, value, at);
      if (entries.has(node.id) || node.id === rootNode.id) return;
      entries.set(node.id, { node, kind, container: group.id, seq: seq++ });
      if (kind === "group") stack.push({ node, path: at });
    });
  }
  return entries;
}

const WRAPPER_KEYS = [
  ["jobRun", "job"],
  ["groupRun", "group"],
  ["job", "job"],
  ["group", "group"],
] as const;

/**
 * `{type, jobRun: {...}}` -> the inner node; a bare node -> itself. A wrapper whose `type` says
 * the other kind than its payload key (`{type: "jobRun", groupRun: {...}}`) cannot be told apart:
 * it comes back with a `problem` (fail closed, §11).
 */
export function unwrap(child: unknown): { value: unknown; hint?: "job" | "group"; problem?: string } {
  if (!isRecord(child)) return { value: child };
  const type = typeof child.type === "string" ? child.type.toLowerCase() : "";
  const bare = "id" in child && ("action" in child || "arguments" in child || isGroupLike(child));
  if (!bare) {
    for (const [key, kind] of WRAPPER_KEYS) {
      if (!isRecord(child[key])) continue;
      const said = type.startsWith("group") ? "group" : type.startsWith("job") ? "job" : undefined;
      if (said !== undefined && said !== kind) {
        const problem = `a wrapper whose type "${child.type}" contradicts its \`${key}\` payload`;
        return { value: child[key], hint: kind, problem };
      }
      return { value: child[key], hint: kind };
    }
  }
  return { value: child, ...(type.startsWith("group") ? { hint: "group" } : {}) };
}

/** Why a child (as the API sent it) is not a node jobsync can read, for messages and `doctor`. */
export function unreadable(child: unknown): string {
  if (!isRecord(child)) return "not an object";
  if (typeof child.type === "string" && !("id" in child)) return `a wrapper of unknown type "${child.type}"`;
  return "id" in child ? "fields of types jobsync does not expect" : "no id";
}

/** A value's keys, sorted, or its JSON type when it is not an object. */
export function keysOf(value: unknown): string[] {
  if (isRecord(value)) return Object.keys(value).sort();
  return [value === null ? "null" : Array.isArray(value) ? "array" : typeof value];
}

/** `keysOf` for a message. */
function keyList(value: unknown): string {
  return keysOf(value).join(", ") || "none";
}

function isGroupLike(o: Record<string, unknown>): boolean {
  return Array.isArray(o.children) || typeof o.parallel === "boolean";
}

/**
 * A bare node's kind (§11, §12): with `action` or `arguments` it is a job, even with `children`
 * (a certification's generated children, which are not walked); with `parallel` and no `action`
 * a group; anything else is a shape jobsync does not know, and the run is not planned.
 */
function kindOf(node: RunNodeJson, raw: unknown, at: string): "job" | "group" {
  const kind = bareKind(node);
  if (kind) return kind;
  const keys = keyList(raw);
  throw new ResponseShapeError(
    `${at} (id ${node.id}) is neither a job run (no action or arguments) nor a group run (no parallel); its keys: ${keys}`,
  );
}

/** A bare node's kind by the rule of `kindOf`, or undefined when it is a shape jobsync does not know. */
export function bareKind(node: RunNodeJson): "job" | "group" | undefined {
  if (node.action !== undefined || node.arguments !== undefined) return "job";
  if (typeof node.parallel === "boolean") return "group";
  return undefined;
}

/** Places every entry under its `parent` (when that names a group) else its container; sorts by ordinal. */
function buildTree(rootNode: RunNodeJson, entries: Map<string, Entry>): LiveGroupRun {
  const childrenOf = new Map<string, Entry[]>();
  for (const entry of entries.values()) {
    const parent = entry.node.parent;
    const named =
      parent && (parent === rootNode.id || entries.get(parent)?.kind === "group") ? parent : undefined;
    const under = named && named !== entry.node.id ? named : entry.container;
    const list = childrenOf.get(under);
    if (list) list.push(entry);
    else childrenOf.set(under, [entry]);
  }
  let placed = 0;
  const visiting = new Set<string>();
  const build = (group: RunNodeJson, generated: boolean): LiveGroupRun => {
    visiting.add(group.id);
    const list = (childrenOf.get(group.id) ?? []).sort(byOrdinal);
    const inherited = generated || group.readOnly === true;
    const children: LiveNode[] = list.map((entry) => {
      placed++;
      if (entry.kind === "job") return toJob(entry.node, inherited);
      if (visiting.has(entry.node.id)) throw new ResponseShapeError("the run's parent links form a cycle");
      return build(entry.node, inherited);
    });
    visiting.delete(group.id);
    return toGroup(group, children);
  };
  const root = build(rootNode, false);
  if (placed !== entries.size) throw new ResponseShapeError("the run's parent links form a cycle");
  return root;
}

function byOrdinal(a: Entry, b: Entry): number {
  const oa = a.node.ordinal ?? Number.POSITIVE_INFINITY;
  const ob = b.node.ordinal ?? Number.POSITIVE_INFINITY;
  return oa === ob ? a.seq - b.seq : oa < ob ? -1 : 1;
}

function toGroup(node: RunNodeJson, children: LiveNode[]): LiveGroupRun {
  return {
    kind: "group",
    id: node.id,
    name: node.name ?? "",
    ...(typeof node.parallel === "boolean" ? { parallel: node.parallel } : {}),
    ...(typeof node.readOnly === "boolean" ? { readOnly: node.readOnly } : {}),
    ...(node.status ? { status: node.status } : {}),
    children,
  };
}

function toJob(node: RunNodeJson, underReadOnly: boolean): LiveJobRun {
  const argsContainer = node.arguments ?? {};
  const action = node.action ?? (typeof argsContainer.type === "string" ? argsContainer.type : "");
  const args = findArgs(argsContainer, action);
  const title = typeof args.title === "string" ? args.title : (node.name ?? "");
  return {
    kind: "job",
    id: node.id,
    action,
    title,
    args,
    ...(node.triggerType ? { triggerType: node.triggerType } : {}),
    ...(node.status ? { status: node.status } : {}),
    generated: underReadOnly || isGeneratedAction(action),
  };
}

/** The kind's args object (`kindArgs`), else the first `…Args` object (a kind the table does not know). */
function findArgs(container: Record<string, unknown>, action: string): Readonly<Record<string, unknown>> {
  const direct = kindArgs({ action, arguments: container });
  if (direct) return direct;
  for (const [key, value] of Object.entries(container)) {
    if (key.endsWith("Args") && isRecord(value)) return value;
  }
  return {};
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
