import { describe, expect, it } from "vitest";
import { displayWidth } from "./display-width.js";
import { durationWords, type ProgressState, renderProgressLine } from "./progress-line.js";

const busy: ProgressState = {
  done: 37,
  total: 120,
  created: 412,
  elapsedMs: 74_000,
  etaMs: 166_000,
  waitingFor: { reason: "server-429", remainingMs: 12_000 },
  current: { runId: "run-q4close-emea", index: 12, of: 40 },
};

describe("renderProgressLine", () => {
  it("shows everything in words when the terminal is wide", () => {
    expect(renderProgressLine({ done: 3, total: 8, created: 7, elapsedMs: 4200 }, 120)).toBe(
      "Applying: 3/8 insertions, 7 job runs created, 4.2s",
    );
    expect(renderProgressLine(busy, 200)).toBe(
      "Applying: 37/120 insertions, 412 job runs created, 1m14s, about 2m46s left, waiting after HTTP 429 (server rate limit) (12s), now run-q4close-emea (12/40)",
    );
  });

  it("at 120 columns keeps the counts, the time left and the wait in short words", () => {
    const line = renderProgressLine(busy, 120);
    expect(displayWidth(line)).toBeLessThanOrEqual(119);
    expect(line).toBe(
      "Applying 37/120, 412 created, 1m14s, ~2m46s left, HTTP 429 12s, run-q4close-emea (12/40)",
    );
  });

  it("at 40 columns drops the least useful parts first, never wraps", () => {
    const line = renderProgressLine(busy, 40);
    expect(line).toBe("Applying 37/120, 1m14s, ~2m46s left");
    expect(displayWidth(line)).toBeLessThanOrEqual(39);
    expect(renderProgressLine({ done: 3, total: 8, created: 7, elapsedMs: 4200, etaMs: 6000 }, 40)).toBe(
      "Applying 3/8, 7 created, ~6.0s left",
    );
  });

  it("measures wide characters in display columns and escapes outside text", () => {
    const wide = { ...busy, current: { runId: "決算レビュー決算レビュー\u001b[2J\u202e", index: 1, of: 2 } };
    for (const columns of [20, 40, 60, 80, 120, 200]) {
      const line = renderProgressLine(wide, columns);
      expect(displayWidth(line), `${columns}: ${line}`).toBeLessThanOrEqual(columns - 1);
      expect(line).not.toMatch(/[\u0000-\u001f\u202e]/);
    }
    expect(renderProgressLine(wide, 300)).toContain("\\u001b[2J\\u202e");
  });

  it("cuts the first part only on a terminal too narrow for it", () => {
    expect(renderProgressLine(busy, 10)).toBe("Applying…");
    expect(renderProgressLine(busy, 0)).toBe(renderProgressLine(busy, 80));
  });

  it("says durations in seconds, minutes and hours", () => {
    expect(durationWords(400)).toBe("0.4s");
    expect(durationWords(59_000)).toBe("59s");
    expect(durationWords(70_000)).toBe("1m10s");
    expect(durationWords(3_900_000)).toBe("1h05m");
  });
});
