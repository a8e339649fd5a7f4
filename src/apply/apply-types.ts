/**
 * What apply reports while it works (`ApplyEvent`, streamed) and when it ends (`ApplyResult`).
 * Both are plain, JSON-safe data: the text and JSON renderers read them, apply never prints.
 */
import type { WaitingEvent, WaitReason } from "../api/waiting.js";
import type { RequestOutcome } from "../diagnostics/errors.js";
import type { Insertion } from "../plan/plan-types.js";
import { type RunVerification, verificationFailed } from "./verify-run.js";

/** Why apply is waiting: the client's rate limiter, a client retry, a server 429, or apply's own re-send backoff. */
export type { WaitReason } from "../api/waiting.js";

/** A wait as the wait tracker keeps it: the reason and when it ends (same clock as `now`). */
export type WaitInfo = Pick<WaitingEvent<WaitReason>, "reason" | "untilMs">;

/** Names one insertion of the plan: the run, its 1-based index and the run's insertion count. */
export interface InsertionRef {
  readonly runId: string;
  readonly index: number;
  readonly of: number;
}

/** Why a failure ended an insertion: a request outcome, or that its effect could not be checked. */
export type FailureOutcome = RequestOutcome | "unverified";

export type ApplyEvent =
  | {
      readonly type: "apply-start";
      readonly runs: number;
      readonly insertions: number;
      readonly jobs: number;
      readonly parallelism: number;
    }
  | (InsertionRef & {
      readonly type: "insertion-start";
      readonly titles: readonly string[];
      /** The plan's description of the position (for words: "after job run "Kickoff""). */
      readonly explain: Insertion["explain"];
    })
  | (InsertionRef & {
      readonly type: "insertion-done";
      /** Ids of the insertion's job runs, in plan order (created now, or adopted after a reconcile). */
      readonly createdIds: readonly string[];
      readonly ms: number;
      /** True when some ids were found by re-reading the run after an ambiguous failure. */
      readonly adopted: boolean;
      /** POSTs this insertion sent (1 unless re-sent). */
      readonly requests: number;
    })
  | (InsertionRef & {
      readonly type: "insertion-failed";
      readonly status?: number;
      readonly message: string;
      readonly outcome: FailureOutcome;
      /** For a 400: the manifest entries of the items it was about (§11, §12). */
      readonly entries?: readonly ManifestEntryRef[];
      /** Ids of the insertion's job runs that do exist (a partial insertion), in plan order. */
      readonly createdIds: readonly string[];
      /** Their titles, as sent. */
      readonly createdTitles: readonly string[];
      readonly ms: number;
      /** POSTs this insertion sent (requests that never left are not counted). */
      readonly requests: number;
    })
  | (InsertionRef & {
      /** A POST failed ambiguously (5xx, timeout, reset); the run was re-read. */
      readonly type: "reconcile";
      readonly status?: number;
      readonly message: string;
      /** How many of the sent job runs were found in place, and how many are missing (to re-send). */
      readonly found: number;
      readonly missing: number;
    })
  | (InsertionRef & {
      /** Apply is about to send (again) after a failure that left something missing. */
      readonly type: "retry";
      readonly attempt: number;
      readonly delayMs: number;
      readonly jobs: number;
      readonly reason: string;
    })
  | WaitingEvent<WaitReason>
  | {
      readonly type: "heartbeat";
      readonly elapsedMs: number;
      /** Insertions finished (done or failed) and planned. */
      readonly done: number;
      readonly total: number;
      readonly waitingFor?: { readonly reason: WaitReason; readonly remainingMs: number };
    }
  | {
      /** The rest of a run's insertions will not be attempted. */
      readonly type: "run-skipped";
      readonly runId: string;
      readonly reason: SkipReason;
      readonly insertions: number;
      /** The 1-based indexes of the insertions not attempted. */
      readonly indexes: readonly number[];
    }
  | { readonly type: "interrupted"; readonly inFlight: number }
  | ({ readonly type: "verified" } & RunVerification)
  | { readonly type: "verify-failed"; readonly runId: string; readonly message: string };

/** `after-failure`: an earlier insertion of the run failed (later ones depend on its order). */
export type SkipReason = "after-failure" | "interrupted";

export interface CreatedInRun {
  readonly runId: string;
  /** In plan order (insertion by insertion), whichever finished first. */
  readonly jobRunIds: readonly string[];
  readonly titles: readonly string[];
}

export interface FailedInsertion extends InsertionRef {
  readonly titles: readonly string[];
  readonly status?: number;
  readonly message: string;
  readonly outcome: FailureOutcome;
  readonly entries?: readonly ManifestEntryRef[];
}

/** A planned item's manifest entry: its title and where it was written. */
export interface ManifestEntryRef {
  readonly title: string;
  readonly file: string;
  readonly line: number;
}

export interface NotAttempted extends InsertionRef {
  readonly titles: readonly string[];
  readonly reason: SkipReason;
}

export interface ApplyResult {
  /** Per run with at least one job run created, in plan order. */
  readonly created: readonly CreatedInRun[];
  /** Total job runs created (including adopted ones). */
  readonly createdCount: number;
  /** POSTs sent to create job runs, re-sends included (requests that never left are not counted). */
  readonly requests: number;
  readonly failed: readonly FailedInsertion[];
  readonly notAttempted: readonly NotAttempted[];
  readonly interrupted: boolean;
  /** What the plan asked for. */
  readonly planned: { readonly jobs: number; readonly requests: number; readonly runs: number };
  /** The verifying read of each run apply wrote to (contract §9.3). */
  readonly verified: readonly RunVerification[];
  /** Runs whose verifying read failed: what they hold is unknown. */
  readonly unverifiedRuns: readonly { readonly runId: string; readonly message: string }[];
  /**
   * Managed identities found more than once before this apply (the plan's fresh read): warnings,
   * never a failure (§12: the API cannot delete job runs).
   */
  readonly olderDuplicates: readonly OlderDuplicate[];
}

/** A duplicate this apply did not make: one run's `Duplicate` from the plan. */
export interface OlderDuplicate {
  readonly runId: string;
  readonly action: string;
  readonly title: string;
  readonly jobRunIds: readonly string[];
  readonly source: { readonly file: string; readonly line: number };
}

/** True when everything planned was created, once, and the verifying reads showed it. */
export function applySucceeded(result: ApplyResult): boolean {
  return (
    !result.interrupted &&
    result.failed.length === 0 &&
    result.notAttempted.length === 0 &&
    result.unverifiedRuns.length === 0 &&
    !result.verified.some(verificationFailed)
  );
}

/**
 * Whether running apply again right away cannot duplicate anything: false while some POST's
 * outcome is unknown (a late commit could still land) or the verifying read failed.
 */
export function rerunIsSafe(result: ApplyResult): boolean {
  return result.unverifiedRuns.length === 0 && !result.failed.some((f) => f.outcome === "unverified");
}
