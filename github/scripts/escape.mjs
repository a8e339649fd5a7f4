// @ts-check
/**
 * Text that did not come from jobsync's markdown renderer (error messages, command output)
 * made safe for a GitHub comment or issue: no HTML, no `@` mentions, no Markdown syntax, no
 * control characters; or, for command output, a code fence nothing in it can close.
 */

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const PUNCTUATION = /[\\`*_{}[\]()#+\-.!|~"'=:$]/g;

/**
 * Control and direction characters shown as `\uXXXX`.
 * @param {string} text
 */
export function showControls(text) {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * The last `max` characters of `text`, with a note when cut (errors are at the end).
 * @param {string} text
 * @param {number} max
 */
export function tail(text, max) {
  if (text.length <= max) return text;
  return `… (${text.length - max} characters cut; the whole text is in the workflow log)\n${text.slice(-max)}`;
}

/**
 * Plain text as inline Markdown that shows exactly this text: HTML characters as entities,
 * `@` mentions neutralised, Markdown punctuation escaped, lines kept as hard breaks, leading
 * spaces kept (never an indented code block).
 * @param {string} text
 * @param {number} [max]
 */
export function escapeText(text, max = 4000) {
  const cut = text.length > max ? `${text.slice(0, max)} … (cut)` : text;
  return showControls(cut.replace(/\r\n?/g, "\n"))
    .split("\n")
    .map((line) =>
      line
        .replace(PUNCTUATION, (c) => `\\${c}`)
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/@/g, "@&#8203;")
        .replace(/^ +/, (spaces) => "&nbsp;".repeat(spaces.length)),
    )
    .join("  \n");
}

/**
 * A fenced code block around `text`: the fence is longer than any run of backticks inside, so
 * nothing closes it early; inside it GitHub renders no HTML and links no mention.
 * @param {string} text
 * @param {string} [info]
 */
export function fence(text, info = "") {
  const body = showControls(text.replace(/\r\n?/g, "\n")).replace(/\n+$/, "");
  let longest = 0;
  for (const run of body.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const marks = "`".repeat(Math.max(3, longest + 1));
  return `${marks}${info}\n${body}\n${marks}`;
}

/**
 * A short value (a sha, an id) as inline code, or escaped text when it holds a backtick.
 * @param {string} text
 */
export function code(text) {
  const shown = showControls(text).slice(0, 200);
  return /[`\n]/.test(shown) ? escapeText(shown) : `\`${shown}\``;
}
