import fc from "fast-check";

/**
 * JSON values and object keys for round-trip properties compared with toStrictEqual. Never a key
 * `constructor`: vitest's toStrictEqual compares `a.constructor === b.constructor`, so two equal
 * objects that each hold an own `constructor` object compare unequal (seen in CI with
 * `sendTaskArgs: { constructor: {} }`). The plan and seed keep such a key as written; only the
 * comparison cannot check it.
 */
const TRICKY_KEYS = new Set(["constructor"]);

export const hasTrickyKey = (v: unknown): boolean =>
  typeof v === "object" &&
  v !== null &&
  (Array.isArray(v)
    ? v.some(hasTrickyKey)
    : Object.keys(v).some((k) => TRICKY_KEYS.has(k)) || Object.values(v).some(hasTrickyKey));

/** Keys from `keys` without the tricky ones. */
export const objectKeys = (keys: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  keys.filter((k) => !TRICKY_KEYS.has(k));

/** JSON values as a file holds them: no -0 (JSON writes it as 0), plain objects, no tricky keys. */
export const plainJson: fc.Arbitrary<unknown> = fc
  .jsonValue()
  .filter((v) => !hasTrickyKey(v))
  .map((v): unknown => JSON.parse(JSON.stringify(v)));
