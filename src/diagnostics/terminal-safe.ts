/**
 * The one place outside text is made safe for a terminal (contract §10): text from the server
 * or from files (names, titles, messages, file names, YAML keys) goes through `escapeControls`
 * when shown bare, or `safeJson` when shown quoted. Both write every character a terminal could
 * act on (C0 controls, DEL, C1 controls, line and paragraph separators, bidi overrides and
 * isolates) as `\uXXXX`, so no server can clear the screen, retitle the terminal, move the
 * cursor, reorder a line or forge a line of its own.
 */

/** Every character a terminal could act on, newline included (text shown on one line). */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The ones JSON.stringify leaves as they are (it escapes C0 itself). */
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Each line of `text` through `escapeControls`: our own multi-line messages keep their lines. */
export function escapeLines(text: string): string {
  return text.split("\n").map(escapeControls).join("\n");
}

/** Whether `text` holds a character `escapeRawControls` would escape (one JSON and YAML leave raw). */
export function hasRawControls(text: string): boolean {
  JSON_UNSAFE.lastIndex = 0;
  return JSON_UNSAFE.test(text);
}

const asEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** `text` with every unsafe character as `\uXXXX` (shown bare, on one line). */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, asEscape);
}

/**
 * The characters JSON.stringify (and the `yaml` library's double quotes) leave raw, as `\uXXXX`:
 * for text where every such character sits inside a double-quoted JSON or YAML string, which
 * reads `\uXXXX` back as the character.
 */
export function escapeRawControls(text: string): string {
  return text.replace(JSON_UNSAFE, asEscape);
}

/** `JSON.stringify(value, replacer, space)` with the characters JSON leaves raw escaped too. */
export function safeJson(
  value: unknown,
  replacer?: (this: unknown, key: string, value: unknown) => unknown,
  space?: number,
): string {
  // Typed as JSON.stringify is (it gives undefined for undefined, a function or a symbol).
  const json = JSON.stringify(value, replacer, space);
  return json === undefined ? json : escapeRawControls(json);
}
