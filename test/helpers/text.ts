/** Small readers of command output in tests. */

/** The last line of `text`, trailing newlines ignored. */
export const lastLine = (text: string) => text.trimEnd().split("\n").at(-1);
