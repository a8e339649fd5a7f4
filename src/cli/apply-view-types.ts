import type { ApplyEvent, ApplyResult } from "../apply/apply-types.js";
import type { BudgetWindow } from "../apply/progress-eta.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Plan } from "../plan/plan-types.js";

/** What apply's output does, whatever the format (one implementation per format). */
export interface ApplyView {
  /** The plan about to be applied, with the warnings made while planning (`savedFile`: read from it). */
  plan(
    plan: Plan,
    made: { readonly warnings: readonly Diagnostic[]; readonly savedFile?: string | undefined },
  ): void;
  /** Nothing to create: the end of the output. */
  noChanges(saved: boolean): void;
  /** Confirmed: the first change is about to be sent. */
  starting(): void;
  event(e: ApplyEvent): void;
  /** What is known so far (a second Ctrl-C): job runs created per run, insertions still in flight. */
  soFar(): string;
  summary(result: ApplyResult): void;
  close(): void;
}

/** The view apply writes to (the events feed its progress fold first). */
export type ApplyOutput = ApplyView;

export interface ApplyOutputOptions {
  /** The clock (tests pass a fake one). */
  readonly now?: () => number;
  /** The rate budgets in force, for the progress line's time left (the client's `rateBudgets`). */
  readonly budgets?: () => readonly BudgetWindow[];
}
