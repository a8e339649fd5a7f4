import { type Document, LineCounter, parseAllDocuments } from "yaml";
import { compareByPlace, type Diagnostic } from "../diagnostics/diagnostic.js";
import { offsetAt, positionOf } from "../input/positions.js";
import { checkSchema, type Problem } from "../input/schema-problems.js";
import type { PathKey } from "../input/schema-walk.js";
import { type PlacedYamlError, placeYamlErrors } from "../input/yaml-syntax-errors.js";
import type { DesiredManifest } from "./desired-types.js";
import { duplicateProblems } from "./duplicates.js";
import { manifestSchema } from "./manifest-schema.js";
import { toDesiredManifest } from "./to-desired.js";

/** Manifests and problems of one file's text. */
export interface ParsedManifests {
  readonly manifests: DesiredManifest[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Parses every YAML document of one file (empty documents are skipped), validates each against
 * the manifest schema and returns the valid ones as DesiredManifests plus every problem found.
 * `file` is used as given in diagnostics and sources. Synchronous and linear in the text size:
 * positions are looked up only for the problems found and the entries kept.
 */
export function parseManifestText(text: string, file: string): ParsedManifests {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const manifests: DesiredManifest[] = [];
  const diagnostics: Diagnostic[] = [];
  // Syntax errors of every document, placed at their cause (one CST pass, only if any).
  const syntaxErrors = placeYamlErrors(
    text,
    documents.flatMap((doc) => doc.errors),
  );
  diagnostics.push(...syntaxErrors.map((e) => yamlDiagnostic(e, text, file, lineCounter)));
  for (const doc of documents) {
    if (doc.errors.length > 0) continue;
    // An empty document (nothing between two `---`, or only comments) is skipped.
    if (doc.contents === null || isNullScalar(doc.contents)) continue;
    const result = parseDocument(doc, file, lineCounter);
    if (result.manifest) manifests.push(result.manifest);
    diagnostics.push(...result.diagnostics);
  }
  return { manifests, diagnostics: diagnostics.sort(compareByPlace) };
}

function isNullScalar(node: unknown): boolean {
  return (
    typeof node === "object" &&
    node !== null &&
    "value" in node &&
    (node as { value: unknown }).value === null
  );
}

function parseDocument(
  doc: Document,
  file: string,
  lineCounter: LineCounter,
): { manifest?: DesiredManifest; diagnostics: Diagnostic[] } {
  const at = (path: readonly PathKey[], where: "key" | "value" = "value") => ({
    file,
    ...positionOf(lineCounter, offsetAt(doc, path, where)),
  });
  const toDiagnostic = (p: Problem): Diagnostic => ({
    severity: "error",
    ...at(p.path, p.at),
    message: p.message,
  });
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return {
      diagnostics: [{ severity: "error", ...at([]), message: `YAML error: ${(error as Error).message}` }],
    };
  }
  const checked = checkSchema(manifestSchema, value);
  const duplicates = duplicateProblems(value, (path) => at(path).line);
  const problems = [...(checked.ok ? [] : checked.problems), ...duplicates];
  if (!checked.ok || problems.length > 0)
    return { diagnostics: problems.map(toDiagnostic).sort(compareByPlace) };
  return { manifest: toDesiredManifest(checked.data, at), diagnostics: [] };
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

/** The key written at `offset` (up to its colon). */
function keyAt(text: string, offset: number): string {
  const match = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^:\n]*)/.exec(text.slice(offset, offset + 1100));
  return (match?.[1] ?? "").trim();
}
