/**
 * Fingerprint of a live run's structure: sha256 over a canonical serialisation of node kinds,
 * ids, order, group names, actions, canonical arguments and trigger types. Statuses are left out,
 * so a task completing between plan and apply does not make a saved plan stale. Linear in size.
 */

import { createHash, type Hash } from "node:crypto";
import type { LiveGroupRun, LiveNode } from "./live-types.js";

/** Hex sha256 of the run tree's structure (not its statuses). */
export function fingerprintRun(root: LiveGroupRun): string {
  const out = new HashWriter(createHash("sha256"));
  out.write("jobsync-run-v1\n");
  writeNode(out, root);
  return out.digest();
}

/** Buffers text so the hash is fed in large chunks (one update per node is slow). */
class HashWriter {
  private buffer = "";
  constructor(private readonly hash: Hash) {}
  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length > 65_536) {
      this.hash.update(this.buffer);
      this.buffer = "";
    }
  }
  digest(): string {
    this.hash.update(this.buffer);
    return this.hash.digest("hex");
  }
}

function writeNode(out: HashWriter, node: LiveNode): void {
  if (node.kind === "group") {
    out.write(`G${JSON.stringify([node.id, node.name])}(`);
    for (const child of node.children) writeNode(out, child);
    out.write(")");
    return;
  }
  out.write(`J${JSON.stringify([node.id, node.action, node.triggerType ?? null, node.title])}`);
  out.write(canonicalJson(node.args));
  out.write(";");
}

/** JSON with object keys sorted at every level (undefined members dropped, as JSON does). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i > 0 ? "," : "") + canonicalJson(value[i] ?? null);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (!isSorted(keys)) keys.sort();
  let out = "{";
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += (out.length > 1 ? "," : "") + JSON.stringify(key) + ":" + canonicalJson(member);
  }
  return `${out}}`;
}

function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  return true;
}
