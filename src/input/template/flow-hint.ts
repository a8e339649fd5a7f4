// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is the template syntax, not a JS placeholder
/**
 * §12: an expression inside a YAML flow collection (`{ title: ${{ x }} }`, `[${{ x }}]`) is a
 * YAML error, since `{` opens a mapping there. The `yaml` library reports it as a few
 * "unexpected token" errors starting at the `{` after `$`; this turns the first into one
 * message that says to quote the expression (the caller drops that line's other syntax errors).
 */

export interface FlowExpressionHint {
  /** Offset of the `$` of `${{`. */
  readonly offset: number;
  readonly message: string;
}

/** The hint for a YAML syntax error at `errorOffset` of `text`, if an unquoted `${{` causes it. */
export function flowExpressionHint(text: string, errorOffset: number): FlowExpressionHint | undefined {
  for (const dollar of [errorOffset - 1, errorOffset - 2, errorOffset]) {
    if (dollar < 0 || !text.startsWith("${{", dollar)) continue;
    const lineEnd = text.indexOf("\n", dollar);
    const line = text.slice(dollar, lineEnd < 0 ? text.length : lineEnd);
    const close = line.indexOf("}}");
    const expression = close < 0 ? "${{ … }}" : line.slice(0, close + 2);
    return {
      offset: dollar,
      message: `an expression inside a flow mapping or list (\`{ … }\`, \`[ … ]\`) must be quoted: write "${expression}" (YAML reads \`{\` as the start of a mapping)`,
    };
  }
  return undefined;
}
