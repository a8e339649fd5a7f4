import type { ProcessesApi } from "../api/api-types.js";
import type { ApplyEvent } from "./apply-types.js";
import type { WaitTracker } from "./wait-tracker.js";

/** What every step of one insertion works with: the API, the event sink, the clock and the limits. */
export interface RunnerContext {
  readonly api: ProcessesApi;
  readonly emit: (e: ApplyEvent) => void;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  /** POSTs tried per insertion, re-sends included. */
  readonly maxAttempts: number;
  /** `api.settleSeconds` in ms. */
  readonly settleMs: number;
  readonly waits: WaitTracker;
  readonly signal?: AbortSignal;
}
