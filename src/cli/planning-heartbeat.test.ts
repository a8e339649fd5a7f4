import { afterEach, describe, expect, it, vi } from "vitest";
import type { CommandContext } from "./cli-types.js";
import { planningHeartbeat } from "./planning-heartbeat.js";

afterEach(() => {
  vi.useRealTimers();
});

function context(lines: string[]): CommandContext {
  const sink = { write: (s: string) => lines.push(s), isTTY: false };
  return {
    io: { stdout: sink, stderr: sink, stdinIsTTY: false, env: {}, cwd: "/" },
  } as unknown as CommandContext;
}

describe("the heartbeat while reading the API", () => {
  it("says after 10 s without progress how many requests were done and what it waits for", () => {
    vi.useFakeTimers({ now: Date.parse("2026-12-05T10:00:00Z") });
    const lines: string[] = [];
    const beat = planningHeartbeat(context(lines));
    beat.onEvent({ type: "request", method: "GET", path: "/processRuns/r1", status: 200, ms: 5 });
    beat.onEvent({ type: "waiting", reason: "server-429", untilMs: Date.now() + 60_000 });
    vi.advanceTimersByTime(9_000);
    expect(lines).toEqual([]);
    vi.advanceTimersByTime(2_000);
    expect(lines).toEqual([
      "Still reading the API... 1 request done after 10s, waiting after HTTP 429 (server rate limit) (50s)\n",
    ]);
    beat.stop();
    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(1);
  });
});
