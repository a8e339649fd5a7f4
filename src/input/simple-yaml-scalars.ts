import { Pair, Scalar, YAMLMap, YAMLSeq } from "yaml";

/**
 * The one-line pieces of simple-yaml.ts's subset: plain and quoted scalars, keys, and flow
 * collections of scalars on one line. Each builds the node `yaml` would (value, `range`, `type`)
 * or throws NotSimple for anything the subset leaves to `yaml`.
 */

/** Thrown where the text leaves the subset; the caller parses the file with `yaml` instead. */
export class NotSimple extends Error {}

export function notSimple(): never {
  throw new NotSimple();
}

/** Characters a plain scalar may not start with in the subset (YAML indicators, and quotes). */
const INDICATORS = new Set([..."-?:,[]{}#&*!|>'\"%@`"]);

/** `raw` (a plain scalar's text) as YAML 1.2's core schema resolves it, as `yaml` does. */
export function resolvePlain(raw: string): string | number | boolean | null {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(raw)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(raw)) return raw[0] === "t" || raw[0] === "T";
  if (/^0o[0-7]+$/.test(raw)) return Number.parseInt(raw.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(raw)) return Number.parseInt(raw, 10);
  if (/^0x[0-9a-fA-F]+$/.test(raw)) return Number.parseInt(raw.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(raw)) {
    if (raw.slice(-3).toLowerCase() === "nan") return Number.NaN;
    return raw[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(raw)) return Number.parseFloat(raw);
  return raw;
}

function scalar(value: unknown, start: number, end: number, type: Scalar.Type, source?: string): Scalar {
  const node = new Scalar(value);
  node.range = [start, end, end];
  node.type = type;
  if (source !== undefined) node.source = source;
  return node;
}

/** The empty value of `key:`, where `yaml` puts it. */
export function nullScalar(at: number): Scalar {
  return scalar(null, at, at, "PLAIN", "");
}

/** Whether a plain scalar may start at `text[at]` in the subset (`-1` and `-.5` may). */
function plainStart(text: string, at: number): boolean {
  const c = text.charAt(at);
  if (c === "-") return /[0-9.]/.test(text.charAt(at + 1));
  return c !== "" && c !== " " && !INDICATORS.has(c);
}

/** The offset of `needle` in `text` between `from` and `to`, or -1 (never searching past `to`). */
export function indexIn(text: string, needle: string, from: number, to: number): number {
  if (from >= to) return -1;
  const i = text.slice(from, to).indexOf(needle);
  return i < 0 ? -1 : from + i;
}

export interface Parsed<T> {
  readonly node: T;
  /** The offset just past what was read. */
  readonly end: number;
}

/** A quoted scalar that closes on its line (no escapes in double quotes), at `text[at]`. */
export function quoted(text: string, at: number, lineEnd: number): Parsed<Scalar> {
  const quote = text.charAt(at);
  if (quote === '"') {
    const close = indexIn(text, '"', at + 1, lineEnd);
    if (close < 0) notSimple();
    const value = text.slice(at + 1, close);
    if (value.includes("\\")) notSimple();
    return { node: scalar(value, at, close + 1, "QUOTE_DOUBLE"), end: close + 1 };
  }
  let value = "";
  let from = at + 1;
  for (;;) {
    const close = indexIn(text, "'", from, lineEnd);
    if (close < 0) notSimple();
    value += text.slice(from, close);
    if (text.charAt(close + 1) !== "'")
      return { node: scalar(value, at, close + 1, "QUOTE_SINGLE"), end: close + 1 };
    value += "'";
    from = close + 2;
  }
}

/** What may follow a value on its line: nothing, or spaces and a comment (without `${{`). */
export function restOfLine(text: string, at: number, lineEnd: number): void {
  let i = at;
  while (i < lineEnd && text.charCodeAt(i) === 32) i += 1;
  if (i === lineEnd) return;
  if (i === at || text.charAt(i) !== "#") notSimple();
  comment(text, i, lineEnd);
}

/** A comment from `text[at]` (a `#`): one holding `${{` is left to `yaml` (documents' ranges). */
export function comment(text: string, at: number, lineEnd: number): void {
  if (indexIn(text, "${{", at, lineEnd) >= 0) notSimple();
}

/** A mapping key at `text[at]` with its `:` (followed by a space or the line's end), or undefined. */
export function keyAt(text: string, at: number, lineEnd: number): Parsed<Scalar> | undefined {
  const c = text.charAt(at);
  let key: Parsed<Scalar>;
  if (c === '"' || c === "'") {
    key = quoted(text, at, lineEnd);
  } else {
    if (!plainStart(text, at)) return undefined;
    let colon = at;
    for (;;) {
      colon = indexIn(text, ":", colon + 1, lineEnd);
      if (colon < 0) return undefined;
      if (colon + 1 === lineEnd || text.charCodeAt(colon + 1) === 32) break;
    }
    const raw = text.slice(at, colon);
    if (raw.includes(" #") || raw.endsWith(" ")) return undefined;
    key = { node: scalar(resolvePlain(raw), at, colon, "PLAIN", raw), end: colon };
  }
  if (text.charAt(key.end) !== ":") return undefined;
  if (key.end + 1 < lineEnd && text.charCodeAt(key.end + 1) !== 32) return undefined;
  const value = key.node.value;
  // Keys that are not strings, and the two keys toJS treats specially, are left to `yaml`.
  if (typeof value !== "string" || value === "" || value === "__proto__" || value === "<<") notSimple();
  // `yaml` refuses implicit keys over 1,024 characters of source.
  if (key.end - at > 1000) notSimple();
  return { node: key.node, end: key.end + 1 };
}

/** A block value on one line from `text[at]`: a scalar or a flow collection, and its comment. */
export function inlineValue(text: string, at: number, lineEnd: number): YAMLMap | YAMLSeq | Scalar {
  const c = text.charAt(at);
  let read: Parsed<YAMLMap | YAMLSeq | Scalar>;
  if (c === '"' || c === "'") read = quoted(text, at, lineEnd);
  else if (c === "{" || c === "[") read = flow(text, at, lineEnd);
  else {
    if (!plainStart(text, at)) notSimple();
    let end = lineEnd;
    const hash = indexIn(text, " #", at, lineEnd);
    if (hash >= 0) {
      comment(text, hash, lineEnd);
      end = hash;
    }
    while (end > at && text.charCodeAt(end - 1) === 32) end -= 1;
    const raw = text.slice(at, end);
    if (raw.includes(": ") || raw.endsWith(":")) notSimple();
    return scalar(resolvePlain(raw), at, end, "PLAIN", raw);
  }
  restOfLine(text, read.end, lineEnd);
  return read.node;
}

function skipSpaces(text: string, at: number): number {
  let i = at;
  while (text.charCodeAt(i) === 32) i += 1;
  return i;
}

/** A scalar inside a flow collection: quoted, or plain up to `,`, `}` or `]` (or `: ` for a key). */
function flowScalar(text: string, at: number, lineEnd: number, key: boolean): Parsed<Scalar> {
  const c = text.charAt(at);
  if (c === '"' || c === "'") return quoted(text, at, lineEnd);
  if (!plainStart(text, at)) notSimple();
  let i = at;
  for (; i < lineEnd; i += 1) {
    const ch = text.charAt(i);
    if (ch === "," || ch === "}" || ch === "]") break;
    if (ch === ":" && key && text.charCodeAt(i + 1) === 32) break;
    if (ch === ":" || ch === "#" || ch === "{" || ch === "[") notSimple();
  }
  let end = i;
  while (end > at && text.charCodeAt(end - 1) === 32) end -= 1;
  const raw = text.slice(at, end);
  return { node: scalar(resolvePlain(raw), at, end, "PLAIN", raw), end };
}

/** `{ k: v, … }` or `[a, …]` of scalars, closed on its line. */
function flow(text: string, at: number, lineEnd: number): Parsed<YAMLMap | YAMLSeq> {
  const isMap = text.charAt(at) === "{";
  const close = isMap ? "}" : "]";
  const node = isMap ? new YAMLMap() : new YAMLSeq();
  node.flow = true;
  const keys = new Set<unknown>();
  let i = skipSpaces(text, at + 1);
  if (text.charAt(i) !== close) {
    for (;;) {
      if (isMap) {
        const key = flowScalar(text, i, lineEnd, true);
        const value = key.node.value;
        if (text.charAt(key.end) !== ":" || typeof value !== "string" || value === "") notSimple();
        if (keys.has(value) || value === "__proto__" || value === "<<") notSimple();
        keys.add(value);
        const item = flowScalar(text, skipSpaces(text, key.end + 1), lineEnd, false);
        if (item.node.source === "") notSimple();
        (node as YAMLMap).items.push(new Pair(key.node, item.node));
        i = skipSpaces(text, item.end);
      } else {
        const item = flowScalar(text, i, lineEnd, false);
        if (item.node.source === "") notSimple();
        (node as YAMLSeq).items.push(item.node);
        i = skipSpaces(text, item.end);
      }
      if (text.charAt(i) === close) break;
      if (text.charAt(i) !== ",") notSimple();
      i = skipSpaces(text, i + 1);
      if (text.charAt(i) === close) notSimple();
    }
  }
  if (i >= lineEnd) notSimple();
  node.range = [at, i + 1, i + 1];
  return { node, end: i + 1 };
}
