import { type Document, isScalar, type ToStringOptions } from "yaml";
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
  const { documents } = parsed;
  // Only comments (or nothing at all): no document, the comments are the stream's.
  if (documents.length === 0) {
    const comment = "empty" in documents ? documents.comment : "";
    return { ok: true, text: commentLines(comment ?? "").join("\n") };
  }
  return { ok: true, text: documents.map(formatDocument).join("") };
}

function formatDocument(doc: Document): string {
  return isEmptyDocument(doc) ? emptyDocument(doc) : doc.toString(CANONICAL_LAYOUT);
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
