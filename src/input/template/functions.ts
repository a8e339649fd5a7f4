import { addDays, edate, eomonth } from "./dates.js";
import { MONDAY_TO_FRIDAY, type TemplateScope } from "./scope.js";
import type { Evaluated } from "./template-types.js";
import {
  type CallExpr,
  FUNCTION_SIGNATURES,
  type FunctionName,
  type TemplateProblem,
  TYPE_WORDS,
} from "./template-types.js";
import { dateOf, dateValue, describeValue, FIRST_DAY, LAST_DAY } from "./values.js";
import { workday } from "./workday.js";

/**
 * The four functions of §7 over evaluated arguments: type checks first (in `check` mode too),
 * then the computation when every argument has a value. `workday` counts the scope's calendar
 * (Monday–Friday by default); in `check` mode it is type-checked only, since the process's
 * weekdays are not known offline.
 */

const MAX_COUNT = 4_000_000;

const COMPUTE: Readonly<Record<Exclude<FunctionName, "workday">, (day: number, n: number) => number>> = {
  eomonth,
  edate,
  addDays,
};

const SECOND_PARAM: Readonly<Record<FunctionName, string>> = {
  workday: "n",
  eomonth: "months",
  edate: "months",
  addDays: "n",
};

function describe(arg: Evaluated): string {
  return arg.value === undefined ? TYPE_WORDS[arg.type] : describeValue(arg.value);
}

export function callFunction(
  call: CallExpr,
  args: readonly Evaluated[],
  scope: TemplateScope,
  problems: TemplateProblem[],
): Evaluated | undefined {
  const [date, count] = args;
  const [dateExpr, countExpr] = call.args;
  if (date === undefined || count === undefined || dateExpr === undefined || countExpr === undefined)
    return undefined; // the parser guarantees two arguments
  const signature = FUNCTION_SIGNATURES[call.name];
  const before = problems.length;
  if (date.type !== "date") {
    problems.push({
      offset: dateExpr.start,
      length: dateExpr.end - dateExpr.start,
      message: `${signature}: \`date\` must be a date (YYYY-MM-DD), got ${describe(date)}`,
    });
  }
  if (count.type !== "integer") {
    problems.push({
      offset: countExpr.start,
      length: countExpr.end - countExpr.start,
      message: `${signature}: \`${SECOND_PARAM[call.name]}\` must be an integer, got ${describe(count)}`,
    });
  }
  if (problems.length > before) return undefined;
  const check = (scope.mode ?? "evaluate") === "check";
  const start = date.day ?? dateOf(date.value);
  const n = count.value;
  if (start === undefined || typeof n !== "number" || (check && call.name === "workday"))
    return { type: "date" };
  const outside = () => {
    problems.push({
      offset: call.start,
      length: call.end - call.start,
      message: `${signature}: the result is outside the years 0001–9999`,
    });
    return undefined;
  };
  // No count this large can land inside the years 0001–9999 (and the arithmetic stays exact).
  if (Math.abs(n) > MAX_COUNT) return outside();
  let day: number;
  if (call.name === "workday") {
    const calendar = scope.calendar ?? MONDAY_TO_FRIDAY;
    if (!calendar.businessDays.some(Boolean)) {
      problems.push({
        offset: call.start,
        length: call.end - call.start,
        message: `${signature}: the calendar has no business day in the week`,
      });
      return undefined;
    }
    day = workday(start, n, calendar);
  } else {
    day = COMPUTE[call.name](start, n);
  }
  if (!(day >= FIRST_DAY && day <= LAST_DAY)) return outside();
  return { type: "date", value: dateValue(day), day };
}
