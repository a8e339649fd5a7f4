/**
 * Outside text (names from the API, titles and paths from manifests) made safe for a GitHub
 * comment: HTML escaped, Markdown punctuation escaped, `@` mentions neutralised, control
 * characters shown as `\uXXXX`; and code fences no text can close.
 */
import { plain } from "./words.js";

/** Escapes text for HTML (and so for a `<summary>`), `@` mentions neutralised. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/@/g, "@&#8203;");
}

/** What starts inline Markdown inside a table cell (line-start syntax cannot occur there). */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]|~]/g;

/**
 * Inline text for a table cell or a heading: nothing in it is read as Markdown, HTML or a
 * mention (`@team` → `@&#8203;team`), and it stays on one line.
 */
export function escapeMarkdown(text: string, max?: number): string {
  return escapeHtml(plain(text, max)).replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`);
}

/** A fenced code block whose fence is longer than any run of backticks in `lines`. */
export function fence(info: string, lines: readonly string[]): string {
  let longest = 0;
  for (const line of lines) {
    for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  }
  const marks = "`".repeat(Math.max(3, longest + 1));
  return [`${marks}${info}`, ...lines, marks].join("\n");
}
