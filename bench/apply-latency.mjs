// Apply against the API's real budget (1000 requests per 60 s: one request per 60 ms) at a given
// request latency, against the ideal: every necessary request (plan read, fresh read, POSTs,
// verify read) sent one per 60 ms, plus the last answer's latency. Issue 14.1's goal: ≤ 1.1x
// from 0 to 1000 ms, with 0 x 429.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../dist/cli/main.js";
import { startEmulator } from "../dist/emulator/server.js";
import { ms, nullIO, slidingWindowMinimumMs, time } from "./lib.mjs";
import { bigScenario, writeManifests } from "./scenarios.mjs";

const API_BUDGET = { requests: 1000, perSeconds: 60 };

/**
 * `budget` defaults to the API's. A smaller window with the same 60 ms per request (100 per 6 s)
 * reaches the steady state (every window full) within seconds; there the server-side minimum is
 * also shown: each window's requests at once, one window apart (lib.mjs, slidingWindowMinimumMs).
 */
export async function applyAtLatency({ latencyMs, runs, gapsPerRun, budget = API_BUDGET }) {
  const BUDGET = budget;
  const scenario = bigScenario({
    runs,
    groups: 1,
    existingPerGroup: gapsPerRun,
    newPerGroup: gapsPerRun,
    cluster: 1,
  });
  const dir = mkdtempSync(join(tmpdir(), "jobsync-bench-"));
  writeManifests(join(dir, "manifests"), scenario.manifests);
  writeFileSync(join(dir, "jobsync.config.json"), JSON.stringify({ rateLimit: BUDGET }));
  const emulator = await startEmulator({ port: 0, seed: scenario.seed, rateLimit: { ...BUDGET }, latencyMs });
  const env = { JOBSYNC_BASE_URL: emulator.url, WORKIVA_CLIENT_ID: "bench", WORKIVA_CLIENT_SECRET: "bench" };
  try {
    const r = await time(() => runCli(["apply", "--auto-approve"], nullIO(env, dir)));
    if (r.value !== 0) throw new Error(`jobsync apply exited ${r.value}`);
    const api = emulator.requests.filter((q) => !q.path.includes("oauth2"));
    const tooMany = api.filter((q) => q.status === 429).length;
    const posts = api.filter((q) => q.method === "POST").length;
    const gapMs = (BUDGET.perSeconds * 1000) / BUDGET.requests;
    const idealMs = api.length * gapMs + latencyMs;
    const floorMs = slidingWindowMinimumMs(api.length, BUDGET) + latencyMs;
    const steady = api.length > 2 * BUDGET.requests;
    const fig = {
      latencyMs,
      runs,
      budget: BUDGET,
      requests: api.length,
      posts,
      tooMany,
      wallMs: r.ms,
      idealMs,
      ratio: r.ms / idealMs,
      ...(steady ? { floorMs, floorRatio: r.ms / floorMs } : {}),
    };
    const row = [
      `apply at ${latencyMs} ms latency, budget ${BUDGET.requests}/${BUDGET.perSeconds}s`,
      `${runs} run${runs === 1 ? "" : "s"}, ${posts} POSTs, ${api.length} requests, ${tooMany} x 429`,
      `${ms(r.ms)} vs ideal ${ms(idealMs)}${steady ? ` (server minimum ${ms(floorMs)}: ${fig.floorRatio.toFixed(2)}x)` : ""}`,
      `${fig.ratio.toFixed(2)}x (goal <= 1.10x)`,
    ];
    return { fig, row };
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
