import { type ProcessField, RESERVED_ROOTS, type RunField, type TemplateValue } from "./template-types.js";
import type { BusinessCalendar } from "./workday.js";

/** What an expression can see: the scope the caller builds for each target and `forEach` item. */

/** `process.*` of the target's process (`GET /processes/{id}`); a missing field is an error when used. */
export type ProcessValues = { readonly [F in ProcessField]?: string };

/** `run.*` of the target's process run; `created` is the start date in config `timeZone`. */
export type RunValues = { readonly [F in RunField]?: string };

export interface TemplateScope {
  /** The target's vars: the manifest's `vars` with the target's replacing them per top-level key. */
  readonly vars: { readonly [name: string]: TemplateValue };
  /** Each enclosing `forEach`'s `as` name and its current item. */
  readonly loops?: ReadonlyMap<string, TemplateValue>;
  /**
   * `"evaluate"` (default): compute everything; `process`/`run` must hold the values the
   * expressions use. `"check"` (offline, `validate`): `process.*`, `run.*` and `workday()` are
   * type-checked but not computed (their results have a type and no value).
   */
  readonly mode?: "evaluate" | "check";
  readonly process?: ProcessValues;
  readonly run?: RunValues;
  /**
   * Roots that may not be used here, with the reason shown in the error (§12: `process.*` and
   * `run.*` inside a target's own name), e.g. `{ process: "in a target's name" }`.
   */
  readonly unavailable?: { readonly process?: string; readonly run?: string };
  /** Business days for `workday()`: the process's weekdays and the manifest's holidays. */
  readonly calendar?: BusinessCalendar;
}

/** Monday to Friday, no holidays: the calendar when neither the process nor the manifest gives one. */
export const MONDAY_TO_FRIDAY: BusinessCalendar = {
  businessDays: [true, true, true, true, true, false, false],
  holidays: new Set(),
};

/** The `as` name of a `forEach` without one. */
export const DEFAULT_LOOP_NAME = "item";

const LOOP_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const RESERVED: ReadonlySet<string> = new Set(RESERVED_ROOTS);

/**
 * Why `name` cannot be a `forEach`'s `as` inside the `enclosing` ones (outermost first), or
 * undefined when it can: it must be a name the expressions can write, not `vars`, `process` or
 * `run`, and not an enclosing `forEach`'s name (§12).
 */
export function loopNameProblem(name: string, enclosing: readonly string[]): string | undefined {
  if (!LOOP_NAME.test(name))
    return `\`as: ${name}\` is not a name: use letters, digits, \`_\` and \`-\`, starting with a letter or \`_\``;
  if (RESERVED.has(name))
    return `\`as: ${name}\` is reserved (vars, process and run are taken): choose another name`;
  if (enclosing.includes(name))
    return `\`as: ${name}\` is already the name of an enclosing forEach: a nested forEach needs its own name`;
  return undefined;
}
