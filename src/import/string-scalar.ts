import { isScalar, parseDocument, Scalar } from "yaml";
import { hasRawControls } from "../diagnostics/terminal-safe.js";

/**
 * String scalars for an imported manifest that every YAML reader takes as strings.
 *
 * The `yaml` library quotes a string when, written plain, it would read back as something else
 * under the document's schema (YAML 1.2 core: `true`, `null`, `2024`, `0x1F`, …). YAML 1.1
 * tools (PyYAML, older editors) also read `yes`/`no`/`on`/`off`/`y`/`n`, `1_000`, `1:30`,
 * `012` and timestamps as non-strings, so a string that either version would read as something
 * other than a string is written double-quoted. Exception: a valid `YYYY-MM-DD` date stays plain,
 * as the manifest format writes dates (`dueDate: 2025-01-31`); YAML 1.2 reads it as a string.
 */

/**
 * A scalar node holding `value`, double-quoted when it is ambiguous under YAML 1.1 or 1.2, or
 * holds a C1 control, separator or bidi character: the `yaml` library escapes C0 controls itself
 * but leaves those raw, and run-to-manifest.ts escapes them, which only double quotes read back.
 */
export function stringScalar(value: string): Scalar<string> {
  const node = new Scalar(value);
  if (hasRawControls(value) || isAmbiguousPlain(value)) node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

/**
 * Whether `value`, written as a plain scalar, would be read as a non-string by a YAML 1.1 or a
 * YAML 1.2 (core schema) reader. Decided by the `yaml` library's own resolution of both versions,
 * after a conservative fast path (`isPlainSafe`) for the common case.
 */
export function isAmbiguousPlain(value: string): boolean {
  if (isPlainSafe(value) || isCalendarDate(value)) return false;
  return parsesAsNonString(value);
}

/** The `yaml` library's verdict (the slow path): read as a non-string by YAML 1.1 or 1.2. */
export function parsesAsNonString(value: string): boolean {
  return readsAsNonString(value, "1.1") || readsAsNonString(value, "1.2");
}

/**
 * ASCII letter or `_` first (so no number, date, `-`, `.`, `~`, `!`, `&`, `*`, quote, …), then
 * only letters, digits, `_`, `-`, `.`, `,`, `/` and inner spaces (so no `:`, `#`, flow or
 * block indicators, and no leading/trailing space).
 */
const PLAIN_SAFE = /^[A-Za-z_](?:[A-Za-z0-9_.,/ -]*[A-Za-z0-9_.,/-])?$/;

/** Words YAML 1.1 or 1.2 read as booleans, nulls or special floats (compared lower-cased). */
const KEYWORDS = new Set(["y", "n", "yes", "no", "true", "false", "on", "off", "null", "inf", "nan"]);

/** YAML 1.1 floats may omit the mantissa: `e5`, `E-3` read as numbers. */
const BARE_EXPONENT = /^[eE][-+]?[0-9]/;

/**
 * A fast, conservative "reads as a string under YAML 1.1 and 1.2" test, so the common case (keys,
 * titles, ids) skips parsing two documents. False only means "ask the parser".
 */
export function isPlainSafe(value: string): boolean {
  return PLAIN_SAFE.test(value) && !BARE_EXPONENT.test(value) && !KEYWORDS.has(value.toLowerCase());
}

function readsAsNonString(value: string, version: "1.1" | "1.2"): boolean {
  const doc = parseDocument(value, { version });
  if (doc.errors.length > 0 || !isScalar(doc.contents)) return false;
  return typeof doc.contents.value !== "string";
}

/** `YYYY-MM-DD` naming a real calendar day (`2025-02-30` is not one: quoted). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
