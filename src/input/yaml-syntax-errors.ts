import { CST, Parser, type YAMLError } from "yaml";

/**
 * Places YAML syntax errors at the node that causes them. The `yaml` library reports an
 * unterminated quoted scalar or an unclosed flow collection where it gave up (often past the
 * last line); the CST still knows where that token starts, so the error is moved to its
 * opening quote or bracket. Errors that are only consequences of another (an unclosed flow
 * collection whose closing bracket was swallowed by an unterminated quote inside it) are dropped.
 */

/** A syntax error with the offset it should be reported at. */
export interface PlacedYamlError {
  readonly offset: number;
  readonly error: YAMLError;
}

type Opener = '"' | "'" | "[" | "{";

/** A token that opens with a quote or bracket and may never be closed. */
interface OpenToken {
  readonly opener: Opener;
  readonly start: number;
  /** Offset just past the token's source (quoted scalars), where the library reports it. */
  readonly end: number;
  /** Flow collections: whether the closing bracket is there. Quoted scalars: always false. */
  readonly closed: boolean;
}

/** Which opener an error is about: the library's code plus the quote or bracket it names. */
function openerOf(error: YAMLError): Opener | undefined {
  const message = error.message.split("\n")[0] ?? "";
  if (error.code === "MISSING_CHAR") {
    if (message.startsWith('Missing closing "quote')) return '"';
    if (message.startsWith("Missing closing 'quote")) return "'";
  }
  if (error.code === "MISSING_CHAR" || error.code === "BAD_INDENT") {
    if (message.endsWith("end with a ]")) return "[";
    if (message.endsWith("end with a }")) return "{";
  }
  return undefined;
}

/** Quoted scalars and flow collections of `text`, in order of their start (one CST pass). */
function openTokens(text: string): OpenToken[] {
  const found: OpenToken[] = [];
  const note = (token: CST.Token | undefined) => {
    if (token?.type === "double-quoted-scalar" || token?.type === "single-quoted-scalar") {
      const opener = token.type === "double-quoted-scalar" ? '"' : "'";
      found.push({ opener, start: token.offset, end: token.offset + token.source.length, closed: false });
    } else if (token?.type === "flow-collection") {
      const opener = token.start.source === "{" ? "{" : "[";
      const closed = token.end[0]?.source === (opener === "{" ? "}" : "]");
      found.push({ opener, start: token.offset, end: token.offset, closed });
    }
  };
  for (const token of new Parser().parse(text)) {
    if (token.type !== "document") continue;
    CST.visit(token, (item) => {
      note(item.key ?? undefined);
      note(item.value);
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The last index in sorted `tokens` whose start is at or before `offset` (-1 if none). */
function lastStartingBy(tokens: readonly OpenToken[], offset: number): number {
  let low = 0;
  let high = tokens.length - 1;
  let best = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((tokens[mid] as OpenToken).start <= offset) {
      best = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return best;
}

/** The unclosed tokens of a text, looked up by what the library reports. */
interface OpenIndex {
  /** Quoted scalars by the offset just past their source (where a missing quote is reported). */
  readonly quotesByEnd: ReadonlyMap<number, OpenToken>;
  /** Unclosed flow collections, by start. */
  readonly unclosed: readonly OpenToken[];
}

function indexTokens(tokens: readonly OpenToken[]): OpenIndex {
  const quotesByEnd = new Map<number, OpenToken>();
  for (const t of tokens) if (t.opener === '"' || t.opener === "'") quotesByEnd.set(t.end, t);
  const unclosed = tokens.filter((t) => (t.opener === "[" || t.opener === "{") && !t.closed);
  return { quotesByEnd, unclosed };
}

/**
 * `errors` (of one text, as the library gives them) with the offset each should be reported at,
 * in offset order, without the errors caused by another one. The text's CST is parsed (once)
 * only when some error is about an unclosed token. Linear in the text (plus a log factor per error).
 */
export function placeYamlErrors(text: string, errors: readonly YAMLError[]): PlacedYamlError[] {
  if (!errors.some((e) => openerOf(e) !== undefined)) {
    return errors.map((error) => ({ offset: error.pos[0], error })).sort((a, b) => a.offset - b.offset);
  }
  const index = indexTokens(openTokens(text));
  const used = new Set<OpenToken>();
  const placed = errors.map((error) => {
    const token = findToken(index, used, openerOf(error), error.pos[0]);
    if (token) used.add(token);
    return { offset: token?.start ?? error.pos[0], error, token };
  });
  const quotes = placed.flatMap(({ token }) => (token && isQuote(token.opener) ? [token] : []));
  const seen = new Set<string>();
  return placed
    .filter(({ offset, error, token }) => {
      if (token && !isQuote(token.opener) && quotes.some((q) => swallowed(token, error, q))) return false;
      const key = `${offset}\n${error.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(({ offset, error }) => ({ offset, error }))
    .sort((a, b) => a.offset - b.offset);
}

function isQuote(opener: Opener): boolean {
  return opener === '"' || opener === "'";
}

/**
 * The token an error at `offset` is about: for a quote, the quoted scalar that ends there; for a
 * bracket, the nearest not yet matched unclosed flow collection of that bracket starting at or before it.
 */
function findToken(
  index: OpenIndex,
  used: ReadonlySet<OpenToken>,
  opener: Opener | undefined,
  offset: number,
): OpenToken | undefined {
  if (opener === undefined) return undefined;
  if (isQuote(opener)) {
    const quote = index.quotesByEnd.get(offset);
    return quote?.opener === opener ? quote : undefined;
  }
  for (let i = lastStartingBy(index.unclosed, offset); i >= 0; i -= 1) {
    const token = index.unclosed[i] as OpenToken;
    if (!used.has(token) && token.opener === opener) return token;
  }
  return undefined;
}

/**
 * An unclosed flow collection is only a consequence when an unterminated quote inside it (after
 * its opening bracket, before where the library gave up on it) swallowed its closing bracket.
 */
function swallowed(collection: OpenToken, error: YAMLError, quote: OpenToken): boolean {
  return quote.start > collection.start && quote.end <= error.pos[0];
}
