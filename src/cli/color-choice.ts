/**
 * Whether output is coloured, as Node itself decides for its own output (and chalk agrees):
 * `--no-color` wins over everything; then `FORCE_COLOR` (`1`, `2`, `3`, `true` or empty: colour
 * even when not on a terminal; anything else, such as `0` or `false`: no colour), which Node lets
 * win over `NO_COLOR`; then `NO_COLOR` (any non-empty value: no colour, per no-color.org); then
 * colour only on a terminal.
 */
export function colorChoice(
  noColorFlag: boolean,
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean,
): boolean {
  if (noColorFlag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ["", "1", "2", "3", "true"].includes(force.trim().toLowerCase());
  if (env.NO_COLOR) return false;
  return isTTY;
}
