import fc from "fast-check";
import { Document, isCollection, isMap, isPair, isScalar, isSeq, Parser, Scalar, visit } from "yaml";

/**
 * fast-check arbitraries of manifest files as people write them: manifest-shaped documents
 * (targets, jobs of each kind, groups, refs, shorthands) laid out in many ways (indentation 2–4,
 * list items indented or not, flow or block collections, every quoting style, folded lines,
 * blank lines, CRLF), with comments on every kind of node, several documents per file, empty
 * and comment-only documents among them.
 */

/**
 * A comment's text: one line of what people write in comments (letters, digits, punctuation
 * with `#`, `:` and quotes, spaces, accents, CJK, emoji). Exotic Unicode (line separators,
 * lone combining marks) is left out: the library writes some of it differently each time,
 * which fmt detects and refuses (see format-manifest.test.ts).
 */
const commentChar = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
  },
  { weight: 2, arbitrary: fc.constant(" ") },
  { weight: 2, arbitrary: fc.constantFrom(..."#:-'\"!?.,;()[]{}<>/\\|*&%$@=+~`^_") },
  { weight: 1, arbitrary: fc.constantFrom("é", "ü", "ß", "中", "文", "🙂", "—", "→", "\t") },
);
const commentText = fc
  .array(commentChar, { minLength: 1, maxLength: 16 })
  .map((chars) => ` ${chars.join("").trim() || "x"}`);

/** Strings a title, an id or instructions may hold: plain words and the awkward ones. */
const text = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,24}[A-Za-z0-9]$/),
  fc.constantFrom(
    "",
    " leading space",
    "trailing space ",
    "a: b",
    "#not a comment",
    "x # y",
    "'quoted'",
    '"double"',
    "$" + "{{ workday(run.created, 3) }}",
    "yes",
    "true",
    "null",
    "~",
    "123",
    "0x1F",
    "1e3",
    "2024-12-15",
    "- dash",
    "[1, 2]",
    "{ a: 1 }",
    "line one\nline two",
    "ends with newline\n",
    "tab\there",
    "emoji 🙂 ünïcode",
    "a very long line of words that a narrow line width would fold somewhere in the middle of it",
  ),
  fc.string({ maxLength: 20 }),
);

const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
const principal = fc.oneof(id, fc.record({ id, type: fc.constantFrom("user", "group", "team") }));
const date = fc.constantFrom("2024-02-29", "2025-12-31");

const sendTask = fc.record(
  { title: text, assignee: principal, dueDate: date, instructions: text },
  { requiredKeys: ["title"] },
);
const contentRequest = fc.record(
  { title: text, assignee: principal, approver: principal, document: id, section: id, instructions: text },
  { requiredKeys: ["title"] },
);
const certification = fc.record({ title: text, document: id }, { requiredKeys: ["title"] });

const job = fc
  .tuple(
    fc.oneof(
      sendTask.map((a) => ({ sendTask: a })),
      contentRequest.map((a) => ({ contentRequest: a })),
      certification.map((a) => ({ certification: a })),
    ),
    fc.option(fc.constantFrom("whenEligible", "manual"), { nil: undefined }),
  )
  .map(([entry, triggerType]) => (triggerType === undefined ? entry : { ...entry, triggerType }));

const ref = fc.oneof(
  id.map((i) => ({ ref: { id: i } })),
  text.map((t) => ({ ref: { title: t } })),
);

const entry: fc.Memo<unknown> = fc.memo((depth) =>
  depth <= 1
    ? fc.oneof({ weight: 4, arbitrary: job }, { weight: 1, arbitrary: ref })
    : fc.oneof(
        { weight: 4, arbitrary: job },
        { weight: 1, arbitrary: ref },
        {
          weight: 1,
          arbitrary: fc
            .tuple(
              fc.oneof(
                text,
                id.map((i) => ({ id: i })),
              ),
              fc.array(entry(depth - 1), { maxLength: 3 }),
            )
            .map(([group, jobs]) => ({ group, jobs })),
        },
      ),
);

const target = fc.oneof(
  id.map((processRun) => ({ processRun })),
  id.map((i) => ({ process: { id: i } })),
  text.map((name) => ({ process: { name } })),
);

/** One manifest's value, the keys in the usual order or shuffled. */
export const manifestValue = fc
  .record(
    {
      name: fc.option(text, { nil: undefined }),
      target,
      jobs: fc.array(entry(3), { maxLength: 5 }),
      shuffle: fc.boolean(),
    },
    { requiredKeys: ["target", "jobs", "shuffle"] },
  )
  .map(({ name, target, jobs, shuffle }) => {
    const pairs: [string, unknown][] = [
      ["apiVersion", "jobsync/v1"],
      ["kind", "JobRuns"],
      ...(name === undefined ? [] : [["metadata", { name }] as [string, unknown]]),
      ["target", target],
      ["jobs", jobs],
    ];
    return Object.fromEntries(shuffle ? pairs.reverse() : pairs);
  });

/** How one node is decorated: comments, a blank line, flow style, a scalar's quoting. */
const decoration = fc.record({
  before: fc.option(commentText, { freq: 4, nil: undefined }),
  after: fc.option(commentText, { freq: 4, nil: undefined }),
  spaceBefore: fc.boolean(),
  flow: fc.boolean(),
  style: fc.constantFrom(
    Scalar.PLAIN,
    Scalar.PLAIN,
    Scalar.QUOTE_SINGLE,
    Scalar.QUOTE_DOUBLE,
    Scalar.BLOCK_LITERAL,
    Scalar.BLOCK_FOLDED,
  ),
});
type Decoration = typeof decoration extends fc.Arbitrary<infer D> ? D : never;

/** Layouts the library can write (the formatter must bring every one to the same). */
const layout = fc.record({
  indent: fc.integer({ min: 1, max: 4 }),
  indentSeq: fc.boolean(),
  lineWidth: fc.constantFrom(0, 20, 40, 80),
  minContentWidth: fc.integer({ min: 0, max: 20 }),
  flowCollectionPadding: fc.boolean(),
});

/** One manifest document's text: a value, decorated node by node, written in some layout. */
const manifestDocument = fc
  .tuple(manifestValue, fc.infiniteStream(decoration), layout, fc.option(commentText, { nil: undefined }))
  .map(([value, decorations, options, docComment]) => {
    const doc = new Document(value);
    const next = (): Decoration => decorations.next().value as Decoration;
    visit(doc, {
      Pair(_key, pair, path) {
        const d = next();
        const inFlow = path.some((p) => isCollection(p) && p.flow);
        if (isPair(pair) && isScalar(pair.key)) {
          // Keys are plain or quoted, as people write them.
          if (d.style === Scalar.QUOTE_SINGLE || d.style === Scalar.QUOTE_DOUBLE) pair.key.type = d.style;
          if (!inFlow && d.before !== undefined) pair.key.commentBefore = d.before;
          if (!inFlow) pair.key.spaceBefore = d.spaceBefore;
        }
        if (isScalar(pair.value) && typeof pair.value.value === "string") {
          const block = d.style === Scalar.BLOCK_LITERAL || d.style === Scalar.BLOCK_FOLDED;
          pair.value.type = block && (inFlow || pair.value.value === "") ? Scalar.PLAIN : d.style;
          if (!inFlow && d.after !== undefined) pair.value.comment = d.after;
        }
      },
      Node(_key, node, path) {
        const d = next();
        const inFlow = path.some((p) => isCollection(p) && p.flow);
        if (isCollection(node) && !inFlow) {
          // Flow only for small collections of scalars, as people write `{ id: x }`.
          const small =
            node.items.length <= 3 && node.items.every((i) => (isPair(i) ? isScalar(i.value) : isScalar(i)));
          node.flow = d.flow && small;
          if ((isSeq(node) || isMap(node)) && d.after !== undefined && !node.flow) node.comment = d.after;
        }
      },
    });
    if (docComment !== undefined) doc.commentBefore = docComment;
    return doc.toString(options);
  });

/** Documents that hold no manifest: nothing between two `---`, or only comments. */
const emptyDocument = fc.oneof(
  fc.constant("---\n"),
  commentText.map((c) => `---\n#${c}\n`),
  fc.constant("---\n...\n"),
);

/** A whole manifest file: 1–3 manifest documents with empty ones between, maybe CRLF and extra blank lines. */
export const manifestFileText: fc.Arbitrary<string> = fc
  .record({
    documents: fc.array(
      fc.oneof({ weight: 4, arbitrary: manifestDocument }, { weight: 1, arbitrary: emptyDocument }),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    crlf: fc.boolean(),
    blankLines: fc.boolean(),
    trailingComment: fc.option(commentText, { nil: undefined }),
  })
  .map(({ documents, crlf, blankLines, trailingComment }) => {
    const joined = documents.map((d, i) => (i === 0 || d.startsWith("---") ? d : `---\n${d}`)).join("");
    const spaced = blankLines ? joined.replace(/\n(?=[A-Za-z])/g, "\n\n") : joined;
    const withComment = trailingComment === undefined ? spaced : `${spaced}#${trailingComment}\n`;
    return crlf ? withComment.replace(/\n/g, "\r\n") : withComment;
  });

/** Every comment of a YAML text, in order, as written (without `#` and surrounding spaces). */
export function commentsOf(yamlText: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const v of value) walk(v);
    else if (typeof value === "object" && value !== null) {
      const token = value as { type?: unknown; source?: unknown };
      if (token.type === "comment" && typeof token.source === "string") {
        found.push(token.source.replace(/^#/, "").trim());
        return;
      }
      for (const v of Object.values(value)) if (typeof v === "object") walk(v);
    }
  };
  for (const token of new Parser().parse(yamlText)) walk(token);
  return found;
}
