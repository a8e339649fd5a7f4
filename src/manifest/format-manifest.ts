import { isDeepStrictEqual } from "node:util";
import {
  type Document,
  isScalar,
  Parser,
  parseAllDocuments,
  Scalar,
  type ToStringOptions,
  visit,
} from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { parseYamlDocuments } from "./parse-manifest-text.js";

/**
 * The canonical layout of a manifest file (`jobsync fmt`): two-space indentation, block lists
 * indented under their key (as in the sample manifests), no line folding. Comments, documents,
 * key order, quoting styles and flow collections (`{ id: x }`) are kept; only the layout changes.
 */
export const CANONICAL_LAYOUT: ToStringOptions = {
  indent: 2,
  indentSeq: true,
  lineWidth: 0,
  minContentWidth: 0,
};

export type FormatResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * One manifest file's text in the canonical layout, or its YAML syntax errors (the same ones
 * `validate` reports, at `file:line:col`): a file that does not parse is never formatted. Pure
 * and idempotent: formatting the result again gives the same text. Only YAML is read; whether
 * the documents are valid manifests is `validate`'s business.
 */
export function formatManifestText(text: string, file: string): FormatResult {
  const parsed = parseYamlDocuments(text, file);
  if ("tooLarge" in parsed) return { ok: false, diagnostics: [parsed.tooLarge] };
  if (parsed.syntaxErrors.length > 0) return { ok: false, diagnostics: parsed.syntaxErrors };
  // The library may attach a comment differently once it has moved (a comment after `- ` goes
  // above the item): the canonical text is where laying out again changes nothing.
  // Line ends are LF (a comment would keep the CR of a CRLF file); scalars read the same either way.
  const documents = text.includes("\r\n")
    ? parseAllDocuments(text.replace(/\r\n/g, "\n"), PARSE_OPTIONS)
    : parsed.documents;
  let formatted = layOut(documents);
  let settled = false;
  for (let pass = 1; pass < MAX_PASSES && !settled; pass++) {
    const again = layOut(parseAllDocuments(formatted, PARSE_OPTIONS));
    settled = again === formatted;
    formatted = again;
  }
  const problem = settled ? unfaithful(text, formatted) : "the layout does not settle";
  if (problem !== undefined) {
    const message = `this file cannot be laid out without changing it (${problem}), so it was left as it is: please report it`;
    return { ok: false, diagnostics: [{ severity: "error", file, message }] };
  }
  return { ok: true, text: formatted };
}

/** Laying out again settles in two or three passes in practice; past this, the file is left alone. */
const MAX_PASSES = 4;
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true } as const;

function layOut(documents: ReturnType<typeof parseAllDocuments>): string {
  // Only comments (or nothing at all): no document, the comments are the stream's.
  if (documents.length === 0) {
    const comment = "empty" in documents ? documents.comment : "";
    return commentLines(comment ?? "").join("\n");
  }
  return documents.map(formatDocument).join("");
}

/**
 * Why `formatted` is not `original` laid out again, if it is not: a document's value, the number
 * of documents or a comment differs, or it does not parse. A guard
 * against the library's rare surprises: fmt must never change what a file says.
 */
function unfaithful(original: string, formatted: string): string | undefined {
  const before = parseAllDocuments(original, PARSE_OPTIONS);
  const after = parseAllDocuments(formatted, PARSE_OPTIONS);
  if (after.some((doc) => doc.errors.length > 0)) return "the result would not parse";
  if (before.length !== after.length) return "a document would be lost";
  for (let i = 0; i < before.length; i++) {
    const a = documentValue(before[i] as Document);
    const b = documentValue(after[i] as Document);
    if (!isDeepStrictEqual(a, b)) return `document ${i + 1}'s value would change`;
  }
  if (!isDeepStrictEqual(commentsOf(original), commentsOf(formatted)))
    return "a comment would be lost or moved";
  return undefined;
}

function documentValue(doc: Document): unknown {
  try {
    return { value: doc.toJS({ maxAliasCount: 1000 }) };
  } catch (error) {
    return { refused: error instanceof Error ? error.message : String(error) };
  }
}

/** Every comment's text, in order (from the concrete syntax tree). */
function commentsOf(text: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) walk(item);
    else if (typeof value === "object" && value !== null) {
      const token = value as { type?: unknown; source?: unknown };
      if (token.type === "comment" && typeof token.source === "string") found.push(token.source.trim());
      else for (const item of Object.values(value)) if (typeof item === "object") walk(item);
    }
  };
  for (const token of new Parser().parse(text)) walk(token);
  return found;
}

function formatDocument(doc: Document): string {
  if (isEmptyDocument(doc)) return emptyDocument(doc);
  // An empty block scalar with a comment on its header would come out as a block holding that
  // comment (a different value): an empty string is written `""`.
  visit(doc, {
    Scalar(_key, node) {
      const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
      if (block && node.value === "") node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString(CANONICAL_LAYOUT);
}

/**
 * A document with nothing in it (between two `---`, or only comments): the library would write
 * its implicit null as `null` or a dangling comment, so it is written here: markers and comments.
 */
function isEmptyDocument(doc: Document): boolean {
  const node = doc.contents;
  if (node === null) return true;
  if (!isScalar(node) || node.value !== null || node.tag || node.anchor) return false;
  const [start, end] = node.range ?? [0, 1];
  return start === end;
}

function emptyDocument(doc: Document): string {
  const node = doc.contents;
  const comments = [doc.commentBefore, node?.commentBefore, node?.comment, doc.comment].filter(
    (c): c is string => typeof c === "string" && c !== "",
  );
  const lines: string[] = [];
  const directives = doc.directives?.toString(doc);
  if (directives) lines.push(directives);
  if (directives || doc.directives?.docStart) lines.push("---");
  for (const comment of comments) lines.push(...commentLines(comment).slice(0, -1));
  if (doc.directives?.docEnd) lines.push("...");
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** A comment as the library holds it (one string, blank lines kept) → its lines and a final "". */
function commentLines(comment: string): string[] {
  if (comment === "") return [""];
  const lines = comment.split("\n").map((line) => (line === "" ? "" : `#${line}`));
  return [...lines, ""];
}
