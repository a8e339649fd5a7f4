/**
 * The checks in order, each with the checks it needs: a step whose dependency failed or was
 * skipped is skipped with the reason, and a step that throws becomes a failed check (never a
 * stack trace). The report keeps the order the checks were declared in.
 */

import { errorWords } from "./error-words.js";
import type { Check, CheckStatus } from "./report-types.js";

/** What a check found; `value` is handed to the checks that need it. */
export interface StepResult<T> {
  readonly status: Exclude<CheckStatus, "skipped">;
  readonly detail: string;
  readonly value?: T;
}

export class CheckList {
  private readonly checks: Check[] = [];
  private readonly byName = new Map<string, Check>();

  /** Why a check needing `deps` cannot run, or undefined when every one passed (ok or warn). */
  blockedBy(deps: readonly string[]): string | undefined {
    for (const dep of deps) {
      const c = this.byName.get(dep);
      if (!c) return `needs ${dep}, which did not run`;
      if (c.status === "fail") return `needs ${dep}, which failed`;
      if (c.status === "skipped") return `needs ${dep}, which was skipped`;
    }
    return undefined;
  }

  /** Runs `fn` unless a dependency did not pass; records the check; returns its value when it passed. */
  async step<T>(
    name: string,
    deps: readonly string[],
    fn: () => Promise<StepResult<T>> | StepResult<T>,
  ): Promise<T | undefined> {
    const blocked = this.blockedBy(deps);
    if (blocked) {
      this.add({ name, status: "skipped", detail: blocked });
      return undefined;
    }
    let result: StepResult<T>;
    try {
      result = await fn();
    } catch (error) {
      result = { status: "fail", detail: errorWords(error) };
    }
    this.add({ name, status: result.status, detail: result.detail });
    return result.status === "fail" ? undefined : result.value;
  }

  /** Records a check decided elsewhere (or a placeholder to fill later with `replace`). */
  add(check: Check): void {
    this.checks.push(check);
    this.byName.set(check.name, check);
  }

  /** Replaces a recorded check in place (a check whose answer is known only at the end). */
  replace(check: Check): void {
    const i = this.checks.findIndex((c) => c.name === check.name);
    if (i >= 0) this.checks[i] = check;
    else this.checks.push(check);
    this.byName.set(check.name, check);
  }

  list(): readonly Check[] {
    return [...this.checks];
  }
}
