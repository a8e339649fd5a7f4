/**
 * One drifted field in words: `dueDate: "2024-12-05" -> "2024-12-01"` (manifest -> live).
 *
 * Strings are compared as strings, anything else as its JSON (keys sorted). The `diff` library
 * finds the changed words; with colour they are painted (red on the manifest side, green on the
 * live side), and in long values the unchanged stretches are shortened to "…" so the change
 * stays visible on one line (with or without colour).
 */
import { type Change, diffWordsWithSpace } from "diff";
import { safeJson } from "../diagnostics/terminal-safe.js";
import type { FieldChange } from "../plan/plan-types.js";
import type { Style } from "./style.js";
import { bare, truncate } from "./words.js";

/** Values longer than this (characters) have their unchanged stretches shortened. */
const LONG_VALUE = 60;
/** Characters kept on each side of a change when shortening. */
const CONTEXT = 20;
/** Longest changed stretch shown. */
const MAX_CHANGED = 60;
/** Give up word-diffing beyond this edit distance and show both values whole. */
const MAX_EDIT_LENGTH = 2000;

/** How a value is compared: as a string, as JSON text, or not set at all. */
type Shown =
  | { readonly kind: "unset" }
  | { readonly kind: "string"; readonly text: string }
  | { readonly kind: "json"; readonly text: string };

/** JSON with object keys sorted, so equal objects read the same. */
export function stableJson(value: unknown): string {
  return safeJson(value, (_key, v: unknown) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries);
  });
}

function toShown(value: unknown): Shown {
  if (value === undefined) return { kind: "unset" };
  if (typeof value === "string") return { kind: "string", text: value };
  return { kind: "json", text: stableJson(value) ?? String(value) };
}

/** Escapes a piece of a value the way it appears between quotes (JSON rules). */
function escapePiece(shown: Shown, piece: string): string {
  return shown.kind === "string" ? (safeJson(piece) as string).slice(1, -1) : piece;
}

function wrap(shown: Shown, body: string): string {
  return shown.kind === "string" ? `"${body}"` : body;
}

/** A value shown whole (no diff): quoted string, JSON, or `(not set)`. */
function whole(shown: Shown, paint: (s: string) => string, style: Style): string {
  if (shown.kind === "unset") return style.dim("(not set)");
  const text = truncate(shown.text, LONG_VALUE + 2 * CONTEXT);
  return wrap(shown, paint(escapePiece(shown, text)));
}

/** Shortens an unchanged stretch, keeping CONTEXT characters next to each change. */
function shorten(text: string, isFirst: boolean, isLast: boolean): string {
  const chars = Array.from(text);
  const keepHead = isFirst ? 0 : CONTEXT;
  const keepTail = isLast ? 0 : CONTEXT;
  if (chars.length <= keepHead + keepTail + 1) return text;
  let head = chars.slice(0, keepHead).join("");
  let tail = keepTail === 0 ? "" : chars.slice(-keepTail).join("");
  // Drop a word cut in half, when the kept stretch holds a word boundary.
  if (/\S/.test(chars[keepHead] ?? " ")) head = head.replace(/(?<=\s)\S+$/, "");
  if (keepTail > 0 && /\S/.test(chars[chars.length - keepTail - 1] ?? " "))
    tail = tail.replace(/^\S+(?=\s)/, "");
  return `${head}…${tail}`;
}

/** One side of the diff: the common parts plus this side's own (highlighted) parts. */
function side(
  shown: Shown,
  parts: readonly Change[],
  own: "removed" | "added",
  paint: (s: string) => string,
) {
  const mine = parts.filter((p) => (own === "removed" ? !p.added : !p.removed));
  const long = shown.kind !== "unset" && Array.from(shown.text).length > LONG_VALUE;
  const body = mine
    .map((part, i) => {
      if (part[own]) return paint(escapePiece(shown, truncate(part.value, MAX_CHANGED)));
      const text = long ? shorten(part.value, i === 0, i === mine.length - 1) : part.value;
      return escapePiece(shown, text);
    })
    .join("");
  return wrap(shown, body);
}

/** `field: manifest -> live`, with the changed words highlighted when colour is on. */
export function renderFieldChange(change: FieldChange, style: Style): string {
  const manifest = toShown(change.manifest);
  const live = toShown(change.live);
  const label = `${bare(change.field)}:`;
  if (manifest.kind === "unset" || manifest.kind !== live.kind) {
    return `${label} ${whole(manifest, style.red, style)} -> ${whole(live, style.green, style)}`;
  }
  const parts = diffWordsWithSpace(manifest.text, (live as typeof manifest).text, {
    maxEditLength: MAX_EDIT_LENGTH,
  });
  if (parts === undefined) {
    return `${label} ${whole(manifest, style.red, style)} -> ${whole(live, style.green, style)}`;
  }
  return `${label} ${side(manifest, parts, "removed", style.red)} -> ${side(live, parts, "added", style.green)}`;
}
