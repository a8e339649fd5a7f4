import fc from "fast-check";

/**
 * fast-check arbitraries for simple-yaml.test.ts: YAML texts written the way people write
 * manifests by hand (in the fast reader's subset, mostly), and small random edits of texts.
 */

/** Small edits of a text: a character put in, taken out or replaced at some offset. */
export const edited = (base: fc.Arbitrary<string>) =>
  fc
    .tuple(
      base,
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.constantFrom("insert", "delete", "replace"),
          fc.constantFrom(..." \n:-#'\"{}[],&*!|>?%@`\\\t\r~.0x$"),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    )
    .map(([text, edits]) => {
      let out = text;
      for (const [at, kind, c] of edits) {
        const i = out.length === 0 ? 0 : at % out.length;
        if (kind === "insert") out = out.slice(0, i) + c + out.slice(i);
        else if (kind === "delete") out = out.slice(0, i) + out.slice(i + 1);
        else out = out.slice(0, i) + c + out.slice(i + 1);
      }
      return out;
    });

/** Texts written by hand in the subset's style, with the scalars people write and awkward ones. */
const word = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .,/()-]{0,12}$/) },
  fc.constantFrom("true", "False", "NULL", "~", "12", "-3", "+4", "0o17", "0x1F", "1e3", ".5", "-.inf"),
  fc.constantFrom(".NaN", "2024-12-15", "a:b", "a#b", "a # b", "$" + "{{ vars.x }}", "x: y", "it's", "-x"),
  fc.constantFrom("", " ", "é 中 🙂", "{ a: 1 }", "[1, 2]", "'q'", '"q"', "*a", "&a", "!t", "%p", "@"),
);
const scalarText = fc
  .tuple(word, fc.constantFrom("plain", "single", "double"))
  .map(([w, style]) =>
    style === "single" ? `'${w.replace(/'/g, "''")}'` : style === "double" ? `"${w}"` : w,
  );
const handWrittenLines = fc
  .array(
    fc.tuple(
      fc.nat(6),
      fc.constantFrom("key", "dash", "dashKey", "flowMap", "flowSeq", "comment", "blank", "docStart"),
      word,
      scalarText,
      fc.boolean(),
    ),
    { minLength: 1, maxLength: 14 },
  )
  .map((lines) =>
    lines
      .map(([indent, kind, key, value, empty], i) => {
        const pad = " ".repeat(i === 0 ? 0 : indent);
        const v = empty ? "" : ` ${value}`;
        if (kind === "key") return `${pad}${key}:${v}`;
        if (kind === "dash") return `${pad}- ${value}`;
        if (kind === "dashKey") return `${pad}- ${key}:${v}`;
        if (kind === "flowMap") return `${pad}${key}: { a: ${value}, ${key}: 1 }`;
        if (kind === "flowSeq") return `${pad}${key}: [${value}, b]`;
        if (kind === "comment") return `${pad}# ${value}`;
        if (kind === "blank") return pad;
        return "---";
      })
      .join("\n"),
  );

/** A tree of mappings, lists and scalar texts (already quoted as they will be written). */
type Tree = { map: [string, Tree][] } | { seq: Tree[] } | { scalar: string };

const keyText = fc.oneof(
  { weight: 5, arbitrary: fc.stringMatching(/^[a-z][A-Za-z0-9_-]{0,8}$/) },
  { weight: 1, arbitrary: word.map((w) => `"${w}"`) },
  { weight: 1, arbitrary: word.map((w) => `'${w.replace(/'/g, "''")}'`) },
  { weight: 1, arbitrary: word },
);

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 3, arbitrary: scalarText.map((scalar) => ({ scalar })) },
    {
      weight: 2,
      arbitrary: fc
        .uniqueArray(fc.tuple(keyText, tie("node")), { minLength: 1, maxLength: 4, selector: ([k]) => k })
        .map((map) => ({ map })),
    },
    { weight: 1, arbitrary: fc.array(tie("node"), { minLength: 1, maxLength: 4 }).map((seq) => ({ seq })) },
  ),
})).node;

/** How a tree is laid out: indentation, list style, flow for small collections, comments. */
const layout = fc.record({
  step: fc.integer({ min: 1, max: 4 }),
  indentSeq: fc.boolean(),
  compact: fc.boolean(),
  flow: fc.boolean(),
  comments: fc.boolean(),
  blank: fc.boolean(),
});
type Layout = typeof layout extends fc.Arbitrary<infer L> ? L : never;

const isScalarOnly = (items: Tree[]) => items.every((t) => "scalar" in t && t.scalar.trim() !== "");

function flowOf(t: Tree): string | undefined {
  if ("map" in t && isScalarOnly(t.map.map(([, v]) => v)))
    return `{ ${t.map.map(([k, v]) => `${k}: ${(v as { scalar: string }).scalar}`).join(", ")} }`;
  if ("seq" in t && isScalarOnly(t.seq))
    return `[${t.seq.map((v) => (v as { scalar: string }).scalar).join(", ")}]`;
  return undefined;
}

/** Lines of `t` as the value after `lead` (`key:` or `-`) at column `col`. */
function write(t: Tree, lead: string, col: number, o: Layout, out: string[], n: { i: number }): void {
  const pad = " ".repeat(col);
  n.i += 1;
  const note = o.comments && n.i % 3 === 0 ? " # note" : "";
  if (o.blank && n.i % 4 === 0) out.push("");
  if (o.comments && n.i % 5 === 0) out.push(`${pad}# about the next line`);
  const flow = o.flow && n.i % 2 === 0 ? flowOf(t) : undefined;
  if ("scalar" in t || flow !== undefined) {
    const text = "scalar" in t ? t.scalar : (flow as string);
    out.push(`${pad}${lead}${text === "" ? "" : ` ${text}`}${note}`);
    return;
  }
  const inner = lead === "" ? col : col + o.step;
  if ("map" in t) {
    if (lead === "- " && o.compact) {
      // `- key: value`, the other keys under the first.
      const [first, ...rest] = t.map;
      const sub: string[] = [];
      write((first as [string, Tree])[1], `${(first as [string, Tree])[0]}:`, 0, o, sub, n);
      out.push(
        `${pad}- ${(sub[0] ?? "").trimStart()}`,
        ...sub.slice(1).map((l) => `${" ".repeat(col + 2)}${l}`),
      );
      for (const [k, v] of rest) write(v, `${k}:`, col + 2, o, out, n);
      return;
    }
    if (lead !== "") out.push(`${pad}${lead.trimEnd()}${note}`);
    for (const [k, v] of t.map) write(v, `${k}:`, inner, o, out, n);
    return;
  }
  const seqCol = lead.endsWith(":") && !o.indentSeq ? col : inner;
  if (lead !== "") out.push(`${pad}${lead.trimEnd()}${note}`);
  for (const item of t.seq) write(item, "- ", seqCol, o, out, n);
}

/** Hand-written documents: a mapping at the top, laid out in one of many ways, 1–3 per file. */
export const handWritten = fc
  .array(
    fc.tuple(
      fc.uniqueArray(fc.tuple(keyText, tree), { minLength: 1, maxLength: 4, selector: ([k]) => k }),
      layout,
    ),
    {
      minLength: 1,
      maxLength: 3,
    },
  )
  .map((docs) =>
    docs
      .map(([map, o]) => {
        const out: string[] = [];
        write({ map }, "", 0, o, out, { i: 0 });
        return `${out.join("\n")}\n`;
      })
      .join("---\n"),
  );

/** Line-by-line texts with random indentation: mostly outside the subset or invalid. */
export const scrambled = handWrittenLines;
