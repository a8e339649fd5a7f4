import type { ParsedTemplate } from "./interpolate.js";
import { type Expr, PROCESS_FIELDS, type ProcessField, RUN_FIELDS, type RunField } from "./template-types.js";

/**
 * What templates use, found without evaluating them: the caller reads `GET /processes/{id}`
 * only when `process` is non-empty or `workday` is true (workday counts the process's
 * `businessDaysOfWeek`), and the run only when `run` is non-empty.
 */
export interface TemplateNeeds {
  readonly process: ReadonlySet<ProcessField>;
  readonly run: ReadonlySet<RunField>;
  /** Whether some expression calls `workday`. */
  readonly workday: boolean;
  /** `vars.NAME` names used. */
  readonly vars: ReadonlySet<string>;
  /** Other root names used (`forEach` names, or unknown names). */
  readonly names: ReadonlySet<string>;
}

const PROCESS: ReadonlySet<string | undefined> = new Set(PROCESS_FIELDS);
const RUN: ReadonlySet<string | undefined> = new Set(RUN_FIELDS);

function isProcessField(name: string | undefined): name is ProcessField {
  return PROCESS.has(name);
}

function isRunField(name: string | undefined): name is RunField {
  return RUN.has(name);
}

/** The needs of every expression of `templates` (syntax errors contribute nothing). */
export function templateNeeds(templates: Iterable<ParsedTemplate>): TemplateNeeds {
  const process = new Set<ProcessField>();
  const run = new Set<RunField>();
  const vars = new Set<string>();
  const names = new Set<string>();
  let workday = false;
  const visit = (expr: Expr): void => {
    if (expr.kind === "call") {
      if (expr.name === "workday") workday = true;
      expr.args.forEach(visit);
    } else if (expr.kind === "path") {
      const field = expr.fields[0]?.name;
      if (expr.root.name === "process") {
        if (isProcessField(field)) process.add(field);
      } else if (expr.root.name === "run") {
        if (isRunField(field)) run.add(field);
      } else if (expr.root.name === "vars") {
        if (field !== undefined) vars.add(field);
      } else names.add(expr.root.name);
    }
  };
  for (const template of templates)
    for (const part of template.parts) if (part.kind === "expression" && part.expr) visit(part.expr);
  return { process, run, workday, vars, names };
}
