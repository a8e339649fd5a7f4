/**
 * A heartbeat for long quiet stretches (rate-limit waits, retries): `beat` is called once
 * `everyMs` has passed without progress, then again every `everyMs` while it stays quiet.
 * Uses the global timers, so tests drive it with `vi.useFakeTimers()`.
 */
export interface HeartbeatOptions {
  readonly everyMs: number;
  readonly now: () => number;
  /** When the last progress (or beat) happened, epoch ms. */
  readonly quietSince: () => number;
  /** Called with the ms elapsed since the heartbeat started. */
  readonly beat: (elapsedMs: number) => void;
}

/** Starts the heartbeat; returns the function that stops it. */
export function startHeartbeat(options: HeartbeatOptions): () => void {
  if (options.everyMs <= 0) return () => {};
  const started = options.now();
  const checkMs = Math.min(1000, options.everyMs);
  const timer = setInterval(() => {
    const now = options.now();
    if (now - options.quietSince() >= options.everyMs) options.beat(now - started);
  }, checkMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
