import { createHash } from "node:crypto";
import type { DesiredEntry, DesiredManifest } from "../manifest/desired-types.js";

/**
 * `sha256:` digest of what one manifest asks of its run: target, and every entry's kind, keys,
 * arguments and trigger, in order. Line numbers and file names are left out, so moving a
 * comment keeps the digest; any change to what would be created changes it (contract §9.8).
 */
export function desiredDigest(manifest: DesiredManifest): string {
  const content = JSON.stringify([manifest.target, manifest.jobs.map(entryContent)]);
  return `sha256:${createHash("sha256").update(content).digest("hex")}`;
}

function entryContent(entry: DesiredEntry): unknown {
  switch (entry.kind) {
    case "job":
      return ["job", entry.action, entry.title, entry.args, entry.triggerType];
    case "ref":
      return ["ref", entry.by];
    case "group":
      return ["group", entry.by, entry.jobs.map(entryContent)];
  }
}
