import type { z } from "zod";

/**
 * A value written as JSON with its keys in a zod schema's order, in chunks: the text
 * `JSON.stringify(schema.parse(value), undefined, space)` gives for a value the schema accepts,
 * without building the parsed copy or the whole text (the saved plan is tens of MiB at 200,000
 * entries). As parse does, keys the schema does not know are left out (kept, after the known ones,
 * by a loose object), and an object's integer-like keys come first, as in any JS object. Nothing is
 * validated: the value must be one the schema accepts. A schema kind this writer does not know
 * throws, so a new kind in the plan schema fails every test that writes a plan.
 */

type Schema = z.core.$ZodType;
/** Writes one value at the given indentation (the text before the value's own lines). */
type Write = (out: JsonOut, value: unknown, indent: string) => void;

/** Collects text and hands it on in chunks of about 64 KiB. */
export class JsonOut {
  private buffer = "";
  constructor(
    readonly space: string,
    private readonly emit: (chunk: string) => void,
  ) {}
  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length > 65_536) this.flush();
  }
  flush(): void {
    if (this.buffer.length > 0) this.emit(this.buffer);
    this.buffer = "";
  }
}

const compiled = new WeakMap<Schema, Write>();

/** Writes `value` by `schema` to `out` (not flushed). */
export function writeBySchema(schema: Schema, out: JsonOut, value: unknown, indent = ""): void {
  writerOf(schema)(out, value, indent);
}

function writerOf(schema: Schema): Write {
  let write = compiled.get(schema);
  if (!write) {
    // Registered before compiling, so a recursive schema (a getter in a shape) finds itself.
    let inner: Write | undefined;
    compiled.set(schema, (out, value, indent) => (inner as Write)(out, value, indent));
    try {
      inner = compile(schema);
    } catch (error) {
      compiled.delete(schema);
      throw error;
    }
    compiled.set(schema, inner);
    write = inner;
  }
  return write;
}

type Def = z.core.$ZodTypeDef & {
  innerType?: Schema;
  element?: Schema;
  options?: readonly Schema[];
  shape?: Record<string, Schema>;
  catchall?: Schema;
  getter?: () => Schema;
};

function compile(schema: Schema): Write {
  const def = schema._zod.def as Def;
  switch (def.type) {
    case "optional":
    case "nullable": {
      const inner = def.innerType as Schema;
      return (out, value, indent) =>
        value === null || value === undefined
          ? writeAny(out, value, indent)
          : writerOf(inner)(out, value, indent);
    }
    case "lazy":
      return (out, value, indent) => writerOf((def.getter as () => Schema)())(out, value, indent);
    case "array":
      return arrayWriter(def.element as Schema);
    case "object":
      return objectWriter(def);
    case "union":
      return unionWriter(def.options as readonly Schema[]);
    case "string":
    case "number":
    case "boolean":
    case "literal":
    case "enum":
    case "null":
    case "unknown":
    case "any":
      return writeAny;
    case "record": // of strings: JSON writes it as parse copies it (its own keys, in order) …
      return writeRecord;
    default:
      throw new Error(`schema-json: cannot write a zod ${def.type} in schema order`);
  }
}

/** Any JSON value as JSON.stringify writes it at this indentation. */
function writeAny(out: JsonOut, value: unknown, indent: string): void {
  // A string, number or boolean is one line at any indentation (most values of a plan are).
  const kind = typeof value;
  if (kind === "string" || kind === "number" || kind === "boolean") {
    out.write(JSON.stringify(value));
    return;
  }
  const text = JSON.stringify(value, undefined, out.space) ?? "null";
  out.write(indent !== "" && out.space !== "" ? text.replaceAll("\n", `\n${indent}`) : text);
}

/** … but for an own `__proto__` key, which parse's copy loses (assigning it sets the prototype). */
function writeRecord(out: JsonOut, value: unknown, indent: string): void {
  const own = typeof value === "object" && value !== null && Object.hasOwn(value, "__proto__");
  writeAny(
    out,
    own ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== "__proto__")) : value,
    indent,
  );
}

function arrayWriter(element: Schema): Write {
  return (out, value, indent) => {
    if (!Array.isArray(value)) return writeAny(out, value, indent);
    const steps = writeArraySteps(element, out, value, indent);
    while (!steps.next().done);
  };
}

/** The element schema of an array schema, or undefined for any other kind. */
export function arrayElementOf(schema: Schema): Schema | undefined {
  const def = schema._zod.def as Def;
  return def.type === "array" ? def.element : undefined;
}

/**
 * Writes an array by its element schema (as `writeBySchema` does), pausing after each element,
 * so a caller can wait there (for a full output stream to drain) and resume.
 */
export function* writeArraySteps(
  element: Schema,
  out: JsonOut,
  value: readonly unknown[],
  indent: string,
): Generator<void, void, undefined> {
  if (value.length === 0) {
    out.write("[]");
    return;
  }
  const write = writerOf(element);
  const inner = indent + out.space;
  const open = out.space === "" ? "" : `\n${inner}`;
  out.write(`[${open}`);
  for (let i = 0; i < value.length; i++) {
    if (i > 0) out.write(`,${open}`);
    const item = value[i];
    if (item === undefined || typeof item === "function" || typeof item === "symbol") out.write("null");
    else write(out, item, inner);
    yield;
  }
  out.write(out.space === "" ? "]" : `\n${indent}]`);
}

const isIndexKey = (key: string) => /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4_294_967_295;

interface Fields {
  /** The shape's keys in output order (integer-like ones first), each with its written name. */
  readonly keys: readonly { readonly key: string; readonly name: string; readonly schema: Schema }[];
  readonly byKey: ReadonlyMap<string, Schema>;
  readonly anyIndex: boolean;
}

function objectWriter(def: Def): Write {
  const shape = def.shape as Record<string, Schema>;
  const loose = def.catchall !== undefined;
  // Read on first use: a getter in the shape (a recursive schema) gives a new schema at each read.
  let fields: Fields | undefined;
  const fieldsOf = (): Fields => {
    const own = Object.keys(shape).filter((k) => k !== "__proto__");
    const keys = orderKeys(own).map((key) => ({
      key,
      name: JSON.stringify(key),
      schema: shape[key] as Schema,
    }));
    return { keys, byKey: new Map(keys.map((k) => [k.key, k.schema])), anyIndex: own.some(isIndexKey) };
  };
  return (out, value, indent) => {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return writeAny(out, value, indent);
    fields ??= fieldsOf();
    const record = value as Record<string, unknown>;
    const inner = indent + out.space;
    const lead = out.space === "" ? "" : `\n${inner}`;
    const sep = out.space === "" ? ":" : ": ";
    let first = true;
    const member = (key: string, name: string, schema: Schema | undefined) => {
      const v = record[key];
      if (v === undefined || typeof v === "function" || typeof v === "symbol") return;
      out.write(`${first ? "{" : ","}${lead}${name}${sep}`);
      first = false;
      if (schema) writerOf(schema)(out, v, inner);
      else writeAny(out, v, inner);
    };
    const extra: string[] = [];
    if (loose) for (const k in record) if (!fields.byKey.has(k) && k !== "__proto__") extra.push(k);
    if (extra.length === 0 || (!fields.anyIndex && !extra.some(isIndexKey))) {
      for (const f of fields.keys) member(f.key, f.name, f.schema);
      for (const k of extra) member(k, JSON.stringify(k), undefined);
    } else {
      const all = orderKeys([...fields.keys.map((f) => f.key), ...extra]);
      for (const k of all) member(k, JSON.stringify(k), fields.byKey.get(k));
    }
    out.write(first ? "{}" : out.space === "" ? "}" : `\n${indent}}`);
  };
}

/** Keys as a new JS object holds them: integer-like ones first, ascending, then the rest in order. */
function orderKeys(keys: readonly string[]): string[] {
  if (!keys.some(isIndexKey)) return [...keys];
  const index = keys.filter(isIndexKey).sort((a, b) => Number(a) - Number(b));
  return [...index, ...keys.filter((k) => !isIndexKey(k))];
}

/**
 * The option parse would take: the first whose literal fields (a `kind: "job"`) the value has;
 * else the first that accepts it (parse itself, so only for unions with no such field).
 */
function unionWriter(options: readonly Schema[]): Write {
  const literals = options.map((option) => {
    const def = option._zod.def as Def;
    if (def.type !== "object") return [];
    return Object.entries(def.shape as Record<string, Schema>).flatMap(([key, field]) => {
      const fieldDef = field._zod.def as Def & { values?: readonly unknown[] };
      return fieldDef.type === "literal" ? [{ key, values: fieldDef.values ?? [] }] : [];
    });
  });
  // One key every option fixes to literals (`kind`): the option is found by its value at once.
  const first = literals[0]?.[0]?.key;
  const byValue = new Map<unknown, number>();
  const discriminated =
    first !== undefined &&
    literals.every((ls) => ls.length === 1 && ls[0]?.key === first) &&
    literals.every((ls, i) =>
      (ls[0] as { values: readonly unknown[] }).values.every((v) => byValue.has(v) || byValue.set(v, i)),
    );
  return (out, value, indent) => {
    const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
    let chosen = discriminated ? (byValue.get(record[first as string]) ?? -1) : -1;
    if (chosen === -1 && !discriminated)
      chosen = options.findIndex(
        (_, i) =>
          (literals[i] as { key: string; values: readonly unknown[] }[]).length > 0 &&
          (literals[i] as { key: string; values: readonly unknown[] }[]).every((l) =>
            l.values.includes(record[l.key]),
          ),
      );
    if (chosen === -1) chosen = options.findIndex((o) => (o as z.ZodType).safeParse(value).success);
    const option = options[chosen];
    if (option) writerOf(option)(out, value, indent);
    else writeAny(out, value, indent);
  };
}
