import { closestWord, didYouMean } from "../did-you-mean.js";
import { callFunction } from "./functions.js";
import type { TemplateScope } from "./scope.js";
import {
  type Evaluated,
  type Expr,
  FUNCTION_SIGNATURES,
  isFunctionName,
  type PathExpr,
  PROCESS_FIELDS,
  RESERVED_ROOTS,
  RUN_FIELDS,
  type Span,
  type TemplateProblem,
  type TemplateValue,
  TYPE_WORDS,
  type ValueType,
} from "./template-types.js";
import { dateOf, describeValue, fieldOf, isMap, typeOfValue } from "./values.js";

/**
 * Evaluates one expression over a scope. Problems are collected, never thrown; a failed
 * sub-expression yields `undefined` and adds exactly one problem. In `check` mode a result may
 * have a type but no value (it depends on the API).
 */

export type { Evaluated } from "./template-types.js";

export function problemAt(span: Span, message: string): TemplateProblem {
  return { offset: span.start, length: Math.max(1, span.end - span.start), message };
}

export function known(value: TemplateValue): Evaluated {
  return { type: typeOfValue(value), value };
}

/** Evaluates `expr`, adding its problems to `problems`. */
export function evaluateExpr(
  expr: Expr,
  scope: TemplateScope,
  problems: TemplateProblem[],
): Evaluated | undefined {
  switch (expr.kind) {
    case "date":
      return { type: "date", value: expr.text };
    case "integer":
      return { type: "integer", value: expr.value };
    case "string":
      return known(expr.value);
    case "path":
      return evaluatePath(expr, scope, problems);
    case "call": {
      // Every argument is evaluated, so each one's problems are reported.
      const args: Evaluated[] = [];
      for (const arg of expr.args) {
        const result = evaluateExpr(arg, scope, problems);
        if (result !== undefined) args.push(result);
      }
      if (args.length !== expr.args.length) return undefined;
      return callFunction(expr, args, scope, problems);
    }
  }
}

function pathText(path: PathExpr, count = path.fields.length): string {
  return [path.root.name, ...path.fields.slice(0, count).map((f) => f.name)].join(".");
}

function evaluatePath(
  path: PathExpr,
  scope: TemplateScope,
  problems: TemplateProblem[],
): Evaluated | undefined {
  const fail = (span: Span, message: string) => {
    problems.push(problemAt(span, message));
    return undefined;
  };
  const root = path.root.name;
  if (root === "process" || root === "run") return apiPath(path, root, scope, fail);
  let value: TemplateValue | undefined;
  let first = 0;
  if (root === "vars") {
    const name = path.fields[0];
    if (name === undefined) return fail(path.root, "`vars` needs a name: `vars.NAME`");
    value = fieldOf(scope.vars, name.name);
    if (value === undefined) {
      const names = Object.keys(scope.vars);
      const close = closestWord(name.name, names);
      const hint = close === undefined ? "" : ` (did you mean \`vars.${close}\`?)`;
      const listed =
        names.length === 0 ? "; this target has no vars" : hint ? "" : `; the vars are ${names.join(", ")}`;
      return fail(name, `unknown variable \`vars.${name.name}\`${hint}${listed}`);
    }
    first = 1;
  } else {
    value = scope.loops?.get(root);
    if (value === undefined && isFunctionName(root))
      return fail(path.root, `\`${root}\` is a function: call it as ${FUNCTION_SIGNATURES[root]}`);
    if (value === undefined) {
      const loopNames = [...(scope.loops?.keys() ?? [])];
      const names = [...RESERVED_ROOTS, ...loopNames];
      const loops =
        loopNames.length === 0 ? "no `forEach` item here" : `the forEach names here: ${loopNames.join(", ")}`;
      return fail(
        path.root,
        `unknown name \`${root}\`${didYouMean(root, names)}; expected vars, process, run or ${loops}`,
      );
    }
  }
  for (const [i, field] of path.fields.entries()) {
    if (i < first) continue;
    if (!isMap(value)) {
      return fail(
        field,
        `\`${pathText(path, i)}\` is ${describeValue(value)}, it has no field \`${field.name}\``,
      );
    }
    const next = fieldOf(value, field.name);
    if (next === undefined) {
      const keys = Object.keys(value);
      return fail(
        field,
        `\`${pathText(path, i)}\` has no field \`${field.name}\`${didYouMean(field.name, keys) || (keys.length > 0 ? `; its fields are ${keys.join(", ")}` : "")}`,
      );
    }
    value = next;
  }
  return known(value);
}

const DATE_FIELDS: ReadonlySet<string> = new Set(["dueDate", "businessStartDate", "created"]);

function apiPath(
  path: PathExpr,
  root: "process" | "run",
  scope: TemplateScope,
  fail: (span: Span, message: string) => undefined,
): Evaluated | undefined {
  const fields: readonly string[] = root === "process" ? PROCESS_FIELDS : RUN_FIELDS;
  const listed = fields.map((f) => `${root}.${f}`).join(", ");
  const field = path.fields[0];
  if (field === undefined) return fail(path.root, `\`${root}\` needs a field: ${listed}`);
  if (!fields.includes(field.name))
    return fail(
      field,
      `unknown field \`${root}.${field.name}\`${didYouMean(field.name, fields)}; expected ${listed}`,
    );
  const reason = scope.unavailable?.[root];
  if (reason !== undefined) return fail(path, `\`${root}.${field.name}\` cannot be used ${reason}`);
  const type: ValueType = DATE_FIELDS.has(field.name) ? "date" : "string";
  const extra = path.fields[1];
  if (extra !== undefined)
    return fail(extra, `\`${root}.${field.name}\` is ${TYPE_WORDS[type]}, it has no field \`${extra.name}\``);
  if ((scope.mode ?? "evaluate") === "check") return { type };
  const values: { readonly [key: string]: string | undefined } | undefined = scope[root];
  const value = values?.[field.name];
  if (value === undefined) {
    const what = root === "process" ? "the target's process has" : "the target's run has";
    return fail(path, `\`${root}.${field.name}\`: ${what} no \`${field.name}\``);
  }
  if (type === "date" && dateOf(value) === undefined)
    return fail(path, `\`${root}.${field.name}\` is not a date: ${JSON.stringify(value)}`);
  return { type, value };
}
