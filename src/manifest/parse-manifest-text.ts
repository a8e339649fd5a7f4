import { type Document, isAlias, LineCounter, type Node, parseAllDocuments, visit } from "yaml";
import { compareByPlace, type Diagnostic } from "../diagnostics/diagnostic.js";
import { offsetAt, positionOf } from "../input/positions.js";
import { checkSchema, type Problem } from "../input/schema-problems.js";
import type { PathKey } from "../input/schema-walk.js";
import { parseSimpleYaml } from "../input/simple-yaml.js";
import { flowExpressionHint } from "../input/template/flow-hint.js";
import { valueOffsetAt } from "../input/template/scalar-offsets.js";
import { type PlacedYamlError, placeYamlErrors } from "../input/yaml-syntax-errors.js";
import type { DesiredManifest } from "./desired-types.js";
import { duplicateProblems } from "./duplicates.js";
import { type EntryOutput, type ManifestOutput, manifestSchema } from "./manifest-schema.js";
import { type CalendarRef, type PendingManifest, prepareDocument } from "./template-document.js";

/**
 * The YAML library holds about 1 KB per node, and a node needs one of these marks (a list
 * item, a key, a flow separator or a collection): past this many, a file could exhaust the
 * runtime's memory (a 16 MiB file of `[1,1,1,…]` would need over 4 GB), so it is refused before
 * parsing. A real manifest has a few per job entry.
 */
export const MAX_STRUCTURE_MARKS = 1_000_000;

function structureMarks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // - : , ? [ {
    if (c === 45 || c === 58 || c === 44 || c === 63 || c === 91 || c === 123) count++;
  }
  return count;
}

/** The YAML documents of one file's text, or why they were not read. */
export type ParsedYaml =
  | {
      readonly documents: ReturnType<typeof parseAllDocuments>;
      readonly lineCounter: LineCounter;
      /** Syntax errors (and duplicate keys) of every document, at their cause, in offset order. */
      readonly syntaxErrors: Diagnostic[];
    }
  | { readonly tooLarge: Diagnostic };

/**
 * Every YAML document of one file's text as the manifest loader reads them (the same parse
 * options and limits, so `fmt` and `validate` agree on what is a syntax error). With `simple`,
 * text in simple-yaml.ts's subset is read by it (the same nodes, without comments or a syntax
 * tree: for reading values, not for `fmt`).
 */
export function parseYamlDocuments(text: string, file: string, simple = false): ParsedYaml {
  if (structureMarks(text) > MAX_STRUCTURE_MARKS) {
    const message = `this file has over ${MAX_STRUCTURE_MARKS.toLocaleString("en-US")} YAML structure marks (\`-\`, \`:\`, \`,\`, \`?\`, \`[\`, \`{\`), too many nodes to read safely: split it into several files`;
    return { tooLarge: { severity: "error", file, message } };
  }
  const lineCounter = new LineCounter();
  const read = simple ? parseSimpleYaml(text, lineCounter) : undefined;
  if (read !== undefined) return { documents: read, lineCounter, syntaxErrors: [] };
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // Syntax errors of every document, placed at their cause (one CST pass, only if any).
  const placed = placeYamlErrors(
    text,
    documents.flatMap((doc) => doc.errors),
  );
  const syntaxErrors = withFlowHints(
    placed.map((e) => yamlDiagnostic(e, text, file, lineCounter)),
    text,
    placed,
    lineCounter,
  );
  return { documents, lineCounter, syntaxErrors };
}

/** Manifests and problems of one file's text. */
export interface ParsedManifests {
  readonly manifests: DesiredManifest[];
  /** Template targets expanded once the API is read (§7), in document and target order. */
  readonly pending: PendingManifest[];
  /** Each document's `calendar:`, for the loader to read. */
  readonly calendars: CalendarRef[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Parses every YAML document of one file (empty documents are skipped), validates each against
 * the manifest schema and returns the valid ones as DesiredManifests plus every problem found.
 * `file` is used as given in diagnostics and sources. Synchronous and linear in the text size:
 * positions are looked up only for the problems found and the entries kept.
 */
export function parseManifestText(text: string, file: string): ParsedManifests {
  const parsed = parseYamlDocuments(text, file, true);
  if ("tooLarge" in parsed)
    return { manifests: [], pending: [], calendars: [], diagnostics: [parsed.tooLarge] };
  const { documents, lineCounter } = parsed;
  const manifests: DesiredManifest[] = [];
  const pending: PendingManifest[] = [];
  const calendars: CalendarRef[] = [];
  const diagnostics: Diagnostic[] = [...parsed.syntaxErrors];
  documents.forEach((doc, index) => {
    if (doc.errors.length > 0) return;
    // An empty document (nothing between two `---`, or only comments) is skipped.
    if (doc.contents === null || isNullScalar(doc.contents)) return;
    const result = parseDocument(doc, { text, file, lineCounter, documentKey: `${file}#${index}` });
    manifests.push(...result.manifests);
    pending.push(...result.pending);
    calendars.push(...result.calendars);
    diagnostics.push(...result.diagnostics);
  });
  return { manifests, pending, calendars, diagnostics: diagnostics.sort(compareByPlace) };
}

function isNullScalar(node: unknown): boolean {
  return (
    typeof node === "object" &&
    node !== null &&
    "value" in node &&
    (node as { value: unknown }).value === null
  );
}

/** Whether a document uses templates (§7): its keys, a `forEach`, or a `${{` anywhere in it. */
function isTemplateDocument(data: ManifestOutput, doc: Document, text: string): boolean {
  if (data.targets !== undefined || data.vars !== undefined || data.calendar !== undefined) return true;
  const range = doc.range ?? [0, text.length, text.length];
  if (text.slice(range[0], range[2]).includes("${{")) return true;
  const hasForEach = (entries: readonly EntryOutput[]): boolean =>
    entries.some((e) => "forEach" in e || ("group" in e && hasForEach(e.jobs)));
  return hasForEach(data.jobs);
}

interface DocumentInput {
  readonly text: string;
  readonly file: string;
  readonly lineCounter: LineCounter;
  readonly documentKey: string;
}

function parseDocument(
  doc: Document,
  { text, file, lineCounter, documentKey }: DocumentInput,
): Omit<ParsedManifests, "diagnostics"> & { diagnostics: Diagnostic[] } {
  const none = { manifests: [], pending: [], calendars: [] };
  const at = (path: readonly PathKey[], where: "key" | "value" = "value") => ({
    file,
    ...positionOf(lineCounter, offsetAt(doc, path, where)),
  });
  const toDiagnostic = (p: Problem): Diagnostic => ({
    severity: "error",
    ...at(p.path, p.at),
    message: p.message,
  });
  const aliasProblem = mayHoldAlias(doc, text) ? aliasProblemAt(doc) : undefined;
  if (aliasProblem !== undefined) {
    const place = positionOf(lineCounter, aliasProblem.offset);
    return { ...none, diagnostics: [{ severity: "error", file, ...place, message: aliasProblem.message }] };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return {
      ...none,
      diagnostics: [{ severity: "error", ...at([]), message: toJsProblem(error) }],
    };
  }
  const checked = checkSchema(manifestSchema, value);
  const template = checked.ok && isTemplateDocument(checked.data, doc, text);
  // A template's identities are checked after expansion (template-walk.ts).
  const duplicates = template ? [] : duplicateProblems(value, (path) => at(path).line);
  const problems = [...(checked.ok ? [] : checked.problems), ...duplicates];
  if (!checked.ok || problems.length > 0)
    return { ...none, diagnostics: problems.map(toDiagnostic).sort(compareByPlace) };
  const stringAt = (path: readonly PathKey[], offset: number) => ({
    file,
    ...positionOf(lineCounter, valueOffsetAt(text, doc, path, offset) ?? offsetAt(doc, path)),
  });
  const prepared = prepareDocument(checked.data, { file, documentKey, sourceAt: at, stringAt }, template);
  return { ...prepared, diagnostics: prepared.diagnostics.sort(compareByPlace) };
}

/** Whether the document's text has a `*` at all: without one it holds no alias, and the walk is skipped. */
function mayHoldAlias(doc: Document, text: string): boolean {
  const [start, , end] = doc.range ?? [0, text.length, text.length];
  const star = text.indexOf("*", start);
  return star !== -1 && star < end;
}

/** Aliases one document may hold: the YAML library resolves each by scanning the document. */
const MAX_ALIASES = 1000;

/**
 * The first alias problem of a document, in one pass in document order (anchors by name as
 * they are met, so an alias sees the latest anchor before it): an alias inside the node of its
 * own anchor (a cycle), or more aliases than MAX_ALIASES.
 */
function aliasProblemAt(doc: Document): { offset: number; message: string } | undefined {
  const anchors = new Map<string, Node>();
  let aliases = 0;
  let found: { offset: number; message: string } | undefined;
  visit(doc, {
    Node(_key, node, path) {
      if (isAlias(node)) {
        const offset = node.range?.[0] ?? 0;
        if (++aliases > MAX_ALIASES) {
          found = {
            offset,
            message: `over ${MAX_ALIASES} YAML aliases in one document: write the values out, or use fewer aliases`,
          };
        }
        const target = anchors.get(node.source);
        if (!found && target !== undefined && path.includes(target)) {
          found = {
            offset,
            message:
              "recursive YAML alias: this alias refers to an anchor that contains it (use an anchor only after its node ends)",
          };
        }
        return found ? visit.BREAK : undefined;
      }
      if (node.anchor) anchors.set(node.anchor, node);
      return undefined;
    },
  });
  return found;
}

/** What `toJS` refused (the alias-count guard against "billion laughs" documents), in words. */
function toJsProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /alias/i.test(message)
    ? "YAML aliases expand to too many nodes (over 1000 uses of anchors): write the values out, or use fewer aliases"
    : `YAML error: ${message.split("\n")[0]}`;
}

function yamlDiagnostic(
  { offset: start, error }: PlacedYamlError,
  text: string,
  file: string,
  lineCounter: LineCounter,
): Diagnostic {
  const message =
    error.code === "DUPLICATE_KEY"
      ? `duplicate key \`${keyAt(text, start)}\` (a key may appear only once in a mapping)`
      : `YAML syntax error: ${error.message.split("\n")[0]}`;
  return { severity: "error", file, ...positionOf(lineCounter, start), message };
}

/**
 * §12: an unquoted `${{ … }}` inside a flow mapping or list is a YAML error; its first syntax
 * error becomes one message saying to quote it, and that line's other syntax errors are dropped.
 */
function withFlowHints(
  diagnostics: readonly Diagnostic[],
  text: string,
  errors: readonly PlacedYamlError[],
  lineCounter: LineCounter,
): Diagnostic[] {
  const hintedLines = new Set<number>();
  const out: Diagnostic[] = [];
  diagnostics.forEach((diagnostic, i) => {
    const error = errors[i];
    const hint = error ? flowExpressionHint(text, error.offset) : undefined;
    const line = diagnostic.line ?? 0;
    if (hint) {
      const place = positionOf(lineCounter, hint.offset);
      if (!hintedLines.has(place.line)) out.push({ ...diagnostic, ...place, message: hint.message });
      hintedLines.add(place.line);
    } else if (!hintedLines.has(line)) out.push(diagnostic);
  });
  return out.filter((d) => d.message.startsWith("an expression inside") || !hintedLines.has(d.line ?? 0));
}

/** The key written at `offset` (up to its colon). */
function keyAt(text: string, offset: number): string {
  const match = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^:\n]*)/.exec(text.slice(offset, offset + 1100));
  return (match?.[1] ?? "").trim();
}
