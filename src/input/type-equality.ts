/**
 * Compile-time proof that two types have the same shape, for a zod schema and the hand-written
 * type it validates: `const proof: SameShape<z.output<typeof schema>, Plan> = true` fails `tsc`
 * when they drift.
 *
 * Same shape means, at every depth: the same keys, the same keys optional, and property types of
 * the same shape; `readonly` (on properties and arrays) and how an object type is spelt
 * (interface, intersection, mapped type) do not count. Mutual assignability alone is not enough:
 * it lets an optional key that only one side has slip through.
 */

/** `true` when A and B are identical types (not merely assignable both ways), else `false`. */
export type Equals<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;

/** The optional keys of T. */
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/** An optional property's type without the `undefined` its `?` adds. */
type Defined<T> = Exclude<T, undefined>;

/** Every property of A and B (same keys assumed) has the same shape. */
type SameProperties<A, B> = {
  [K in keyof A]-?: SameShape<Defined<A[K]>, K extends keyof B ? Defined<B[K]> : never>;
}[keyof A] extends true
  ? true
  : false;

/** `true` when A and B have the same shape (see the file comment), else `false`. */
export type SameShape<A, B> =
  Equals<A, B> extends true
    ? true
    : [A, B] extends [readonly (infer EA)[], readonly (infer EB)[]]
      ? SameShape<EA, EB>
      : [A, B] extends [readonly unknown[], unknown] | [unknown, readonly unknown[]]
        ? false
        : [A, B] extends [object, object]
          ? Equals<keyof A, keyof B> extends true
            ? Equals<OptionalKeys<A>, OptionalKeys<B>> extends true
              ? SameProperties<A, B>
              : false
            : false
          : Equals<A, B>;
