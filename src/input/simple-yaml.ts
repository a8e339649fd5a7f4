import { Document, type LineCounter, type Node, Pair, type Scalar, YAMLMap, YAMLSeq } from "yaml";
import {
  comment,
  indexIn,
  inlineValue,
  keyAt,
  NotSimple,
  notSimple,
  nullScalar,
  restOfLine,
} from "./simple-yaml-scalars.js";

/**
 * A fast reader for the plain YAML manifests are written in. For text inside its subset it
 * builds the nodes `parseAllDocuments` would (the same values, scalar types and the `range`
 * starts that positions.ts and scalar-offsets.ts read), about ten times faster and with a
 * fraction of the memory (no syntax tree is kept). At the first thing outside the subset it
 * returns undefined and the caller parses with `yaml`, which also gives every diagnostic; so
 * invalid text is never read here. The subset: block mappings and lists indented with spaces,
 * one-line plain and quoted scalars (no escapes in double quotes), one-line flow collections of
 * scalars, comments, and `---` between documents. Not in it: tabs (but in comment lines), lone CRs, control characters,
 * anchors, aliases, tags, block scalars, multi-line scalars, complex keys, directives, empty
 * list items, and duplicate keys. simple-yaml.test.ts checks it against `yaml` on random text.
 */

interface Line {
  /** Offset of the line's first character. */
  readonly start: number;
  /** Offset of its `\n` (or the text's end). */
  readonly end: number;
  readonly indent: number;
}

/** A document's lines that hold content (not blank, not only a comment). */
interface Segment {
  readonly start: number;
  readonly end: number;
  readonly lines: Line[];
}

/**
 * Characters the subset leaves to `yaml`: controls (but tabs, checked line by line, and the CR
 * of a CRLF), BOM, Unicode line breaks.
 */
const OUTSIDE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\u2028\u2029]|\r(?!\n)/;

/** Every document of `text`, or undefined when the text is outside the subset. */
export function parseSimpleYaml(
  text: string,
  lineCounter: LineCounter,
): Document<YAMLMap, true>[] | undefined {
  if (OUTSIDE.test(text)) return undefined;
  try {
    const segments = splitDocuments(text);
    const documents = segments.map((segment) => readDocument(text, segment));
    lineCounter.addNewLine(0);
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineCounter.addNewLine(i + 1);
    return documents;
  } catch (error) {
    if (error instanceof NotSimple) return undefined;
    throw error;
  }
}

/** The text's documents: before the first `---` only if it holds content, then one per `---`. */
function splitDocuments(text: string): Segment[] {
  const segments: Segment[] = [];
  let current: { start: number; lines: Line[]; opened: boolean } = { start: 0, lines: [], opened: false };
  const close = (end: number) => {
    if (current.opened || current.lines.length > 0)
      segments.push({ start: current.start, end, lines: current.lines });
  };
  const tabs = text.includes("\t");
  let start = 0;
  for (;;) {
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    let indent = 0;
    while (start + indent < end && text.charCodeAt(start + indent) === 32) indent += 1;
    const first = text.charAt(start + indent);
    if (indent === 0 && (text.startsWith("---", start) || text.startsWith("...", start) || first === "%")) {
      if (!text.startsWith("---", start)) notSimple();
      restOfLine(text, start + 3, end);
      close(start);
      current = { start, lines: [], opened: true };
    } else if (first === "#") comment(text, start + indent, end);
    else if (start + indent < end) {
      // A tab is only read in a comment line (elsewhere it may separate, or be refused).
      if (tabs && indexIn(text, "\t", start, end) >= 0) notSimple();
      current.lines.push({ start, end, indent });
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  close(text.length);
  return segments;
}

function readDocument(text: string, segment: Segment): Document<YAMLMap, true> {
  const doc = new Document<YAMLMap, true>(undefined, { uniqueKeys: true });
  const first = segment.lines[0];
  if (first === undefined) {
    doc.range = [segment.start, segment.end, segment.end];
    return doc;
  }
  if (first.indent !== 0) notSimple();
  const reader = new BlockReader(text, segment.lines);
  const contents = reader.node(0);
  if (!(contents instanceof YAMLMap) || reader.at < segment.lines.length) notSimple();
  doc.contents = contents;
  doc.range = [first.start, segment.end, segment.end];
  return doc;
}

/** Reads block collections line by line; `at` is the next content line. */
class BlockReader {
  at = 0;

  constructor(
    private readonly text: string,
    private readonly lines: readonly Line[],
  ) {}

  /** `node` with its range ending where its last line ends. */
  private closed<T extends YAMLMap | YAMLSeq>(node: T): T {
    const start = node.range?.[0] ?? 0;
    const end = this.lines[this.at - 1]?.end ?? start;
    node.range = [start, end, end];
    return node;
  }

  private get line(): Line | undefined {
    return this.lines[this.at];
  }

  private isDash(line: Line): boolean {
    const at = line.start + line.indent;
    return this.text.charAt(at) === "-" && (at + 1 === line.end || this.text.charCodeAt(at + 1) === 32);
  }

  /** The collection whose first line is the current one, at its indentation `col`. */
  node(col: number): YAMLMap | YAMLSeq {
    const line = this.line ?? notSimple();
    if (this.isDash(line)) return this.seq(col);
    const key = keyAt(this.text, line.start + col, line.end) ?? notSimple();
    return this.map(col, key);
  }

  /** A block mapping whose keys are at column `col`; its first key is already read. */
  private map(col: number, firstKey: { node: Scalar; end: number }): YAMLMap {
    const { text } = this;
    const map = new YAMLMap();
    const start = firstKey.node.range?.[0] ?? 0;
    map.range = [start, start, start];
    const keys = new Set<unknown>();
    let key = firstKey;
    for (;;) {
      const line = this.line ?? notSimple();
      if (keys.has(key.node.value)) notSimple();
      keys.add(key.node.value);
      let rest = key.end;
      while (rest < line.end && text.charCodeAt(rest) === 32) rest += 1;
      let value: Node;
      if (rest < line.end && text.charAt(rest) !== "#") {
        value = inlineValue(text, rest, line.end);
        this.at += 1;
      } else {
        if (rest < line.end) comment(text, rest, line.end);
        this.at += 1;
        const next = this.line;
        if (next !== undefined && next.indent > col) value = this.node(next.indent);
        else if (next !== undefined && next.indent === col && this.isDash(next)) value = this.seq(col);
        else value = nullScalar(key.end);
      }
      map.items.push(new Pair(key.node, value));
      const next = this.line;
      if (next === undefined || next.indent < col) return this.closed(map);
      if (next.indent > col || this.isDash(next)) notSimple();
      key = keyAt(text, next.start + col, next.end) ?? notSimple();
    }
  }

  /** A block list whose dashes are at column `col`. */
  private seq(col: number): YAMLSeq {
    const { text } = this;
    const seq = new YAMLSeq();
    const first = this.line ?? notSimple();
    seq.range = [first.start + col, first.start + col, first.start + col];
    for (;;) {
      const line = this.line ?? notSimple();
      let rest = line.start + col + 1;
      while (rest < line.end && text.charCodeAt(rest) === 32) rest += 1;
      let value: Node;
      if (rest === line.end || text.charAt(rest) === "#") {
        // `-` alone: its item is the block below it (an empty item is left to `yaml`).
        if (rest < line.end) comment(text, rest, line.end);
        this.at += 1;
        const next = this.line;
        if (next === undefined || next.indent <= col) notSimple();
        value = this.node(next.indent);
      } else if (text.charAt(rest) === "-" && (rest + 1 === line.end || text.charCodeAt(rest + 1) === 32)) {
        notSimple();
      } else {
        const key = keyAt(text, rest, line.end);
        if (key !== undefined) value = this.map(rest - line.start, key);
        else {
          value = inlineValue(text, rest, line.end);
          this.at += 1;
        }
      }
      seq.items.push(value);
      const next = this.line;
      if (next === undefined || next.indent < col) return this.closed(seq);
      if (next.indent > col) notSimple();
      if (!this.isDash(next)) return this.closed(seq);
    }
  }
}
