import { type Document, isScalar, type Scalar } from "yaml";
import type { PathKey } from "../schema-walk.js";

/**
 * Maps an offset in a YAML string scalar's value (where template problems are found) to the
 * offset in the file where that character is written, so a problem lands on its exact
 * `line:col` even after quotes, `''`, escapes (`\t`, `\u00e9`), folded lines or a block
 * scalar's indentation. The scalar is decoded again here with a source offset per character;
 * if that decoding differs from the library's value (an unusual form, such as an explicit
 * block indentation indicator), the offset is estimated from the scalar's start instead.
 */

interface Decoded {
  readonly value: string;
  /** Source offset (within the scalar's raw text) of each value character, plus one for the end. */
  readonly offsets: readonly number[];
}

/** The offset in `text` (the whole file) of character `valueOffset` of `scalar`'s value. */
export function scalarSourceOffset(text: string, scalar: Scalar, valueOffset: number): number {
  const range = scalar.range;
  if (!range) return 0;
  const start = range[0];
  const decoded = decodeScalarAt(text, scalar);
  if (decoded)
    return start + (decoded.offsets[Math.max(0, Math.min(valueOffset, decoded.offsets.length - 1))] ?? 0);
  const quoted = scalar.type === "QUOTE_DOUBLE" || scalar.type === "QUOTE_SINGLE" ? 1 : 0;
  return start + Math.min(range[1] - start, quoted + valueOffset);
}

/**
 * The offset in `text` of character `valueOffset` of the string at `path` in `doc` (parsed
 * from `text`), or undefined when no string scalar is there (then use positions.ts `offsetAt`).
 */
export function valueOffsetAt(
  text: string,
  doc: Document,
  path: readonly PathKey[],
  valueOffset: number,
): number | undefined {
  const node = doc.getIn(path, true);
  return isScalar(node) && typeof node.value === "string"
    ? scalarSourceOffset(text, node, valueOffset)
    : undefined;
}

/** `scalar` decoded from `text` with per-character offsets, when that gives the library's value. */
export function decodeScalarAt(text: string, scalar: Scalar): Decoded | undefined {
  if (!scalar.range || typeof scalar.value !== "string") return undefined;
  const [start, end] = scalar.range;
  const raw = text.slice(start, end);
  const candidates: (number | undefined)[] = [undefined];
  const indicator = /^[|>][+-]?([1-9])/.exec(raw) ?? /^[|>]([1-9])/.exec(raw);
  if (indicator) {
    // `|2` is relative to the parent's indentation, which lies left of the header.
    candidates.length = 0;
    const column = start - (text.lastIndexOf("\n", start - 1) + 1);
    for (let parent = 0; parent <= column; parent += 1) candidates.push(parent + Number(indicator[1]));
  }
  for (const indent of candidates) {
    const decoded = decodeScalar(raw, scalar.type, indent);
    if (decoded?.value === scalar.value) return decoded;
  }
  return undefined;
}

/**
 * The value of a raw scalar with each character's offset, or undefined for forms not handled.
 * `indent`: a block scalar's content indentation when its header gives one (`|2`).
 */
export function decodeScalar(
  raw: string,
  type: Scalar.Type | undefined,
  indent?: number,
): Decoded | undefined {
  switch (type) {
    case "PLAIN":
      return flow(raw, 0, raw.length, false);
    case "QUOTE_SINGLE":
      return flow(raw, 1, raw.length - 1, "single");
    case "QUOTE_DOUBLE":
      return flow(raw, 1, raw.length - 1, "double");
    case "BLOCK_LITERAL":
    case "BLOCK_FOLDED":
      return block(raw, type === "BLOCK_FOLDED", indent);
    default:
      return undefined;
  }
}

/** One decoded character: where it came from, and whether an escape made it (never trimmed). */
interface Char {
  readonly c: string;
  readonly at: number;
  readonly hard: boolean;
}

const ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  "\t": "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
};
const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Flow scalars (plain, single- or double-quoted): escapes, then line folding. */
function flow(
  raw: string,
  from: number,
  to: number,
  quote: false | "single" | "double",
): Decoded | undefined {
  const lines: { chars: Char[]; joined: boolean; breakAt: number }[] = [];
  let chars: Char[] = [];
  for (let i = from; i < to; i += 1) {
    const c = raw.charAt(i);
    if (c === "\r" && raw[i + 1] === "\n") continue;
    if (c === "\n") {
      lines.push({ chars, joined: false, breakAt: i });
      chars = [];
    } else if (quote === "single" && c === "'" && raw[i + 1] === "'") {
      chars.push({ c: "'", at: i, hard: true });
      i += 1;
    } else if (quote === "double" && c === "\\") {
      const next = raw[i + 1];
      if (next === undefined) return undefined;
      if (next === "\n" || (next === "\r" && raw[i + 2] === "\n")) {
        lines.push({ chars, joined: true, breakAt: i });
        chars = [];
        i += next === "\r" ? 2 : 1;
        continue;
      }
      const hex = HEX_LENGTH[next];
      if (hex !== undefined) {
        const code = Number.parseInt(raw.slice(i + 2, i + 2 + hex), 16);
        if (Number.isNaN(code) || code > 0x10ffff) return undefined;
        for (const unit of String.fromCodePoint(code)) chars.push({ c: unit, at: i, hard: true });
        i += 1 + hex;
        continue;
      }
      const escaped = ESCAPES[next];
      if (escaped === undefined) return undefined;
      chars.push({ c: escaped, at: i, hard: true });
      i += 1;
    } else chars.push({ c, at: i, hard: false });
  }
  lines.push({ chars, joined: false, breakAt: to });
  return fold(lines, to);
}

/** Whether `chars[i]` is a space or tab that folding may trim (escaped ones are kept). */
function spaceAt(chars: readonly Char[], i: number): boolean {
  const ch = chars[i];
  return ch !== undefined && !ch.hard && (ch.c === " " || ch.c === "\t");
}

/** YAML flow folding: trim around breaks; one break is a space, each further empty line a newline. */
function fold(lines: { chars: Char[]; joined: boolean; breakAt: number }[], end: number): Decoded {
  const out: Char[] = [];
  let pendingBreak: { at: number; joined: boolean } | undefined;
  let emptyLines = 0;
  lines.forEach((line, index) => {
    let first = 0;
    let last = line.chars.length;
    const prevJoined = index > 0 && lines[index - 1]?.joined === true;
    if (index > 0) while (first < last && spaceAt(line.chars, first)) first += 1;
    if (index < lines.length - 1 && !line.joined)
      while (last > first && spaceAt(line.chars, last - 1)) last -= 1;
    const content = line.chars.slice(first, last);
    if (index > 0 && content.length === 0 && index < lines.length - 1 && !prevJoined && !line.joined) {
      emptyLines += 1;
      return;
    }
    if (pendingBreak) {
      if (emptyLines > 0)
        for (let k = 0; k < emptyLines; k += 1) out.push({ c: "\n", at: pendingBreak.at, hard: false });
      else if (!pendingBreak.joined) out.push({ c: " ", at: pendingBreak.at, hard: false });
    }
    emptyLines = 0;
    out.push(...content);
    pendingBreak = { at: line.breakAt, joined: line.joined };
  });
  return { value: out.map((ch) => ch.c).join(""), offsets: [...out.map((ch) => ch.at), end] };
}

/** Block scalars (`|`, `>`) with auto-detected indentation and any chomping indicator. */
function block(raw: string, folded: boolean, explicitIndent?: number): Decoded | undefined {
  const header = /^[|>]([1-9]?)([+-]?)([1-9]?)[ \t]*(#[^\n]*)?\r?(\n|$)/.exec(raw);
  if (!header) return undefined;
  if ((header[1] || header[3]) && explicitIndent === undefined) return undefined;
  const chomp = header[2] ?? "";
  const lines: { text: string; at: number }[] = [];
  let at = header[0].length;
  while (at < raw.length) {
    const nl = raw.indexOf("\n", at);
    const stop = nl < 0 ? raw.length : nl;
    lines.push({ text: raw.slice(at, stop).replace(/\r$/, ""), at });
    at = stop + 1;
  }
  const firstContent = lines.find((l) => /[^ ]/.test(l.text));
  const indent =
    explicitIndent ??
    (firstContent
      ? (/^ */.exec(firstContent.text)?.[0].length ?? 0)
      : Math.max(0, ...lines.map((l) => l.text.length)));
  const out: Char[] = [];
  let previous: "none" | "normal" | "more" = "none";
  let breaks: number[] = [];
  for (const line of lines) {
    const body = line.text.slice(Math.min(indent, line.text.length));
    const empty = /^ *$/.test(line.text) && line.text.length <= indent;
    if (empty) {
      breaks.push(line.at - 1);
      continue;
    }
    const more = /^[ \t]/.test(body);
    if (previous !== "none") {
      const lineBreaks = [...breaks, line.at - 1];
      const foldFirst = folded && previous === "normal" && !more;
      lineBreaks.forEach((b, k) => {
        if (k === 0 && foldFirst) {
          if (lineBreaks.length === 1) out.push({ c: " ", at: b, hard: false });
        } else out.push({ c: "\n", at: b, hard: false });
      });
    } else for (const b of breaks) out.push({ c: "\n", at: b, hard: false });
    breaks = [];
    for (let k = 0; k < body.length; k += 1)
      out.push({ c: body.charAt(k), at: line.at + indent + k, hard: false });
    previous = more ? "more" : "normal";
  }
  const trailing = previous === "none" || !raw.endsWith("\n") ? breaks : [...breaks, raw.length - 1];
  if (chomp === "+") for (const b of trailing) out.push({ c: "\n", at: b, hard: false });
  else if (chomp === "" && previous !== "none" && raw.endsWith("\n"))
    out.push({ c: "\n", at: raw.length - 1, hard: false });
  return { value: out.map((ch) => ch.c).join(""), offsets: [...out.map((ch) => ch.at), raw.length] };
}
