import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import type { PathKey } from "./schema-walk.js";

/** 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly col: number;
}

/** Line and column of a character offset. */
export function positionOf(lineCounter: LineCounter, offset: number): Position {
  const { line, col } = lineCounter.linePos(offset);
  return { line, col };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  if (typeof key === "string" || typeof key === "number") return String(key);
  return undefined;
}

interface Located {
  /** The key node of the last step (when it is a mapping key). */
  readonly key?: Node;
  readonly value?: Node;
}

/** One step down from `node`: a mapping key or a list index. */
function step(doc: Document, node: Node | undefined, key: PathKey): Located | undefined {
  const target = isAlias(node) ? (node.resolve(doc) as Node | undefined) : node;
  if (isMap(target)) {
    const pair = target.items.find((p) => keyText(p.key) === String(key));
    if (!pair) return undefined;
    return { key: pair.key as Node, value: (pair.value ?? undefined) as Node | undefined };
  }
  if (isSeq(target) && typeof key === "number") {
    const item = target.items[key] as Node | undefined;
    return item ? { value: item } : undefined;
  }
  return undefined;
}

function start(node: Node | undefined): number | undefined {
  return node?.range?.[0];
}

/**
 * The offset of the node at `path` (its key with `at: "key"`), or of the nearest enclosing node
 * that exists (for a missing key: the mapping that lacks it).
 */
export function offsetAt(doc: Document, path: readonly PathKey[], at: "key" | "value" = "value"): number {
  let node = doc.contents as Node | undefined;
  let best = start(node) ?? 0;
  for (let i = 0; i < path.length; i += 1) {
    const found = step(doc, node, path[i] as PathKey);
    if (!found) return best;
    const last = i === path.length - 1;
    const keyStart = start(found.key);
    const valueStart = start(found.value);
    if (last && at === "key" && keyStart !== undefined) return keyStart;
    // `key:` with no value: point at the key.
    best = valueStart ?? keyStart ?? best;
    if (found.value && isScalar(found.value) && found.value.value === null && keyStart !== undefined) {
      best = keyStart;
    }
    node = found.value;
  }
  return best;
}
