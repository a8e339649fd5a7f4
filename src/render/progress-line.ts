/**
 * The live progress line of apply on a terminal, fitted to the terminal's width so it never wraps
 * (a wrapped line cannot be redrawn in place and leaves stale fragments). Pure: returns a string.
 */
import type { WaitReason } from "../apply/apply-types.js";
import { cutToWidth, displayWidth } from "./display-width.js";
import { count, plain } from "./words.js";

export interface ProgressState {
  readonly done: number;
  readonly total: number;
  readonly created: number;
  readonly elapsedMs: number;
  /** Estimated time left (progress-eta.ts); left out when unknown. */
  readonly etaMs?: number;
  readonly waitingFor?: { readonly reason: WaitReason; readonly remainingMs: number };
  /** The insertion started last (its run id is outside text, escaped). */
  readonly current?: { readonly runId: string; readonly index: number; readonly of: number };
}

const SHORT_WAIT: Record<WaitReason, string> = {
  "rate-limit": "rate limit",
  "server-429": "HTTP 429",
  retry: "retry",
  resend: "re-send",
  settle: "settling",
};

const LONG_WAIT: Record<WaitReason, string> = {
  "rate-limit": "waiting for the rate limit",
  "server-429": "waiting after HTTP 429 (server rate limit)",
  retry: "waiting to retry a request",
  resend: "waiting to send again",
  settle: "watching for a late commit before sending again",
};

/** `0.4s`, `12s`, `1m10s`. */
export function durationWords(ms: number): string {
  if (ms < 10_000) return `${(Math.max(0, ms) / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, "0")}m`;
}

/** A part of the line: its text in the roomy and the tight form, and how readily it is dropped. */
interface Part {
  readonly wide: string;
  readonly narrow: string;
  /** Higher stays longer. */
  readonly keep: number;
}

function parts(p: ProgressState): Part[] {
  const list: Part[] = [
    { wide: `Applying: ${p.done}/${p.total} insertions`, narrow: `Applying ${p.done}/${p.total}`, keep: 9 },
    { wide: `${count(p.created, "job run")} created`, narrow: `${p.created} created`, keep: 5 },
    { wide: durationWords(p.elapsedMs), narrow: durationWords(p.elapsedMs), keep: 4 },
  ];
  if (p.etaMs !== undefined) {
    const eta = durationWords(p.etaMs);
    list.push({ wide: `about ${eta} left`, narrow: `~${eta} left`, keep: 8 });
  }
  if (p.waitingFor) {
    const left = durationWords(p.waitingFor.remainingMs);
    list.push({
      wide: `${LONG_WAIT[p.waitingFor.reason]} (${left})`,
      narrow: `${SHORT_WAIT[p.waitingFor.reason]} ${left}`,
      keep: 7,
    });
  }
  if (p.current) {
    const at = `${plain(p.current.runId, 40)} (${p.current.index}/${p.current.of})`;
    list.push({ wide: `now ${at}`, narrow: at, keep: 2 });
  }
  return list;
}

/**
 * The line (no newline), at most `columns - 1` columns wide (the last column would make some
 * terminals wrap): every part in its roomy form when it fits; else the tight forms of the most
 * useful parts that fit (count, time left, wait, created, elapsed time, run); the first part is
 * cut with "…" only on a terminal too narrow for it alone. Undefined columns: 80.
 */
export function renderProgressLine(p: ProgressState, columns = 80): string {
  const room = Math.max(1, (columns > 0 ? columns : 80) - 1);
  const all = parts(p);
  const wide = all.map((x) => x.wide).join(", ");
  if (displayWidth(wide) <= room) return wide;
  // The most useful parts first, each taken when it still fits; shown in their usual order.
  const kept = new Set<Part>();
  const line = () =>
    all
      .filter((x) => kept.has(x))
      .map((x) => x.narrow)
      .join(", ");
  for (const part of [...all].sort((a, b) => b.keep - a.keep)) {
    kept.add(part);
    if (kept.size > 1 && displayWidth(line()) > room) kept.delete(part);
  }
  return cutToWidth(line(), room);
}
