/**
 * Colours and symbols shared by the plan renderers.
 *
 * Colour is an explicit option (the CLI turns it off for `--no-color`, `NO_COLOR` and non-TTY
 * output), so every renderer is a pure function of its input: the codes are written by hand
 * rather than through `util.styleText`, whose own environment checks differ between Node versions.
 */

/** A way to paint text; every function is the identity when colour is off. */
export interface Style {
  readonly color: boolean;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly red: (text: string) => string;
  readonly cyan: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
}

/**
 * Line symbols, all plain ASCII:
 * - `+` a job run to create (green), and the insertion that carries it;
 * - `!` a matched job run whose live fields differ from its manifest (yellow), reported only;
 * - `^` a matched entry out of manifest order (yellow), reported only; chosen because the API
 *   cannot move job runs, so "live order kept" is a notice, not an action. Markdown output uses
 *   `!` instead, because GitHub colours only `+`, `-` and `!` lines in a `diff` fence;
 * - `~` one drifted field inside a `!` block.
 */
export const SYMBOLS = {
  create: "+",
  drift: "!",
  outOfOrder: "^",
  field: "~",
} as const;

const ESC = "\u001b[";

function paint(open: number, close: number): (text: string) => string {
  return (text) => (text === "" ? "" : `${ESC}${open}m${text}${ESC}${close}m`);
}

const identity = (text: string): string => text;

const PLAIN: Style = {
  color: false,
  green: identity,
  yellow: identity,
  red: identity,
  cyan: identity,
  bold: identity,
  dim: identity,
};

const ANSI: Style = {
  color: true,
  green: paint(32, 39),
  yellow: paint(33, 39),
  red: paint(31, 39),
  cyan: paint(36, 39),
  bold: paint(1, 22),
  dim: paint(2, 22),
};

/** ANSI styling when `color` is true, identity functions otherwise. */
export function createStyle(color: boolean): Style {
  return color ? ANSI : PLAIN;
}
