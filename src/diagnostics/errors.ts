import type { Diagnostic } from "./diagnostic.js";

/**
 * Typed errors. The CLI's one top-level catch maps them to exit codes and messages;
 * anything else is a bug (stack shown only with --debug).
 */

/** Bad input or a refused operation the user can fix. Exit 1, message only. */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    message: string,
    /** Optional second line: what to do about it. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Problems collected from input files; printed one per line as file:line:col: message. */
export class DiagnosticsError extends Error {
  override readonly name = "DiagnosticsError";
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`${diagnostics.length} problem(s) found`);
  }
}

/**
 * What is known about whether a failed request took effect on the server.
 * - `not-sent`: the request never reached the server (connect refused, DNS, 429 refused before work)
 * - `rejected`: the server answered with a definite refusal (4xx); nothing was changed
 * - `maybe-applied`: 5xx, timeout or reset after sending: the server may have committed
 */
export type RequestOutcome = "not-sent" | "rejected" | "maybe-applied";

/** An HTTP/API failure, already classified. Never carries secrets. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    message: string,
    readonly details: {
      readonly status?: number;
      readonly code?: string;
      readonly method: string;
      /** Path and query only, never the host's credentials. */
      readonly path: string;
      readonly outcome: RequestOutcome;
      /** What the user can do about it. */
      readonly hint?: string;
      /** The server's `target` (what the error is about: a parameter, an item `[2]…`). */
      readonly target?: string;
      /** The `target`s of the server's sub-errors (`details`). */
      readonly subTargets?: readonly string[];
      /** No later request of this command will be sent (a server wait past `api.maxWaitSeconds`). */
      readonly final?: boolean;
    },
  ) {
    super(message);
  }
  get status(): number | undefined {
    return this.details.status;
  }
  get outcome(): RequestOutcome {
    return this.details.outcome;
  }
}
