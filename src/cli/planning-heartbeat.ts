import type { ClientEvent } from "../api/client.js";
import { startHeartbeat } from "../apply/heartbeat.js";
import { durationWords, WAIT_WORDS } from "../render/apply-text.js";
import { count } from "../render/words.js";
import type { CommandContext } from "./cli-types.js";

/**
 * The heartbeat while reading the API to plan (contract §9.6; `plan`, `status`, `render`): on
 * stderr, so stdout stays the plan. After 10 s without a finished request it says how many were
 * done and what it waits for (the rate limit, a server's 429, a retry), again every 10 s.
 */
export interface PlanningHeartbeat {
  readonly onEvent: (e: ClientEvent) => void;
  stop(): void;
}

export function planningHeartbeat(ctx: CommandContext, everyMs = 10_000): PlanningHeartbeat {
  let requests = 0;
  let lastProgress = Date.now();
  let waiting: { reason: keyof typeof WAIT_WORDS; untilMs: number } | undefined;
  const stop = startHeartbeat({
    everyMs,
    now: Date.now,
    quietSince: () => lastProgress,
    beat: (elapsedMs) => {
      lastProgress = Date.now();
      const wait =
        waiting && waiting.untilMs > Date.now() && Number.isFinite(waiting.untilMs)
          ? `, ${WAIT_WORDS[waiting.reason]} (${durationWords(waiting.untilMs - Date.now())})`
          : "";
      ctx.io.stderr.write(
        `Still reading the API... ${count(requests, "request")} done after ${durationWords(elapsedMs)}${wait}\n`,
      );
    },
  });
  return {
    onEvent(e) {
      if (e.type === "request") {
        requests += 1;
        lastProgress = Date.now();
      } else waiting = { reason: e.reason, untilMs: e.untilMs };
    },
    stop,
  };
}
