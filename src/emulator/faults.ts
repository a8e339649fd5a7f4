import type { FaultSpec } from "./emulator-types.js";
import { type EmuResponse, errorResponse } from "./http-response.js";

/**
 * Fault injection for tests (EmulatorHandle.injectFault). A fault counts the requests matching its
 * method/path from the moment it is added; the `nth` (1-based, default 1) and the `times - 1` after
 * it (default times 1) get it, then it is removed.
 *
 * - status-before: answer that status with the error body, doing nothing (Retry-After, target and
 *   details if given)
 * - status-after: do the work (commit), then answer that status with the error body
 * - reset-before / reset-after: destroy the socket without answering, before / after the work
 * - latency: delay the response by `ms` (real timers)
 * - hold: wait `ms` before doing the work (real timers), so requests commit out of send order
 * - rewrite-body: do the work, then answer with the body the function returns (same status)
 */

export type FaultEffect = Exclude<FaultSpec["kind"], { readonly type: "latency" | "hold" }>;

/** What applies to one request. */
export interface FaultDecision {
  readonly latencyMs: number;
  /** Wait before the work. */
  readonly holdMs: number;
  readonly effect?: FaultEffect;
}

interface ActiveFault {
  readonly spec: FaultSpec;
  readonly first: number;
  readonly last: number;
  seen: number;
}

export class FaultInjector {
  private faults: ActiveFault[] = [];

  /** Adds a fault; returns a function removing it. */
  add(spec: FaultSpec): () => void {
    const nth = spec.nth ?? 1;
    const times = spec.times ?? 1;
    if (!Number.isInteger(nth) || nth < 1 || !Number.isInteger(times) || times < 1) {
      throw new RangeError("injectFault: nth and times must be integers >= 1");
    }
    const fault: ActiveFault = { spec, first: nth, last: nth + times - 1, seen: 0 };
    this.faults.push(fault);
    return () => {
      this.faults = this.faults.filter((f) => f !== fault);
    };
  }

  /** Counts the request against every matching fault and says what to do with it. */
  decide(method: string, path: string): FaultDecision {
    let latencyMs = 0;
    let holdMs = 0;
    let effect: FaultEffect | undefined;
    for (const fault of this.faults) {
      if (!matches(fault.spec, method, path)) continue;
      fault.seen += 1;
      if (fault.seen < fault.first || fault.seen > fault.last) continue;
      const kind = fault.spec.kind;
      if (kind.type === "latency") latencyMs += kind.ms;
      else if (kind.type === "hold") holdMs += kind.ms;
      else effect ??= kind;
    }
    this.faults = this.faults.filter((f) => f.seen < f.last);
    return effect ? { latencyMs, holdMs, effect } : { latencyMs, holdMs };
  }
}

/**
 * Runs `handle` (the request's work) under a fault's effect: the response to send, or "reset" when
 * the connection is to be dropped without one. Without an effect it is `handle()` itself.
 */
export function withFault(effect: FaultEffect | undefined, handle: () => EmuResponse): EmuResponse | "reset" {
  if (effect?.type === "reset-before") return "reset";
  if (effect?.type === "status-before") {
    const headers =
      effect.retryAfter !== undefined ? { "Retry-After": String(effect.retryAfter) } : undefined;
    return errorResponse(effect.status, "Injected fault (before commit).", {
      ...(headers ? { headers } : {}),
      ...(effect.target !== undefined ? { target: effect.target } : {}),
      ...(effect.details !== undefined ? { details: effect.details } : {}),
    });
  }
  const response = handle();
  if (effect?.type === "reset-after") return "reset";
  if (effect?.type === "status-after") return errorResponse(effect.status, "Injected fault (after commit).");
  if (effect?.type === "rewrite-body")
    return { ...response, body: effect.rewrite(structuredClone(response.body)) };
  return response;
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.method !== undefined && spec.method.toUpperCase() !== method.toUpperCase()) return false;
  if (spec.path === undefined) return true;
  if (typeof spec.path === "string") return path.includes(spec.path);
  spec.path.lastIndex = 0;
  return spec.path.test(path);
}
