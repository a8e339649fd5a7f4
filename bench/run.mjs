// npm run bench: performance figures as ratios against baselines measured in the same process.
// Not a test: it prints a table and writes bench/results.json. Loopback only.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../dist/cli/main.js";
import { startEmulator } from "../dist/emulator/server.js";
import { applyAtLatency } from "./apply-latency.mjs";
import { ms, nullIO, slidingWindowMinimumMs, time } from "./lib.mjs";
import { planningCost } from "./plan-cost.mjs";
import { bigScenario, writeManifests } from "./scenarios.mjs";
import { startupCost } from "./startup.mjs";
import { templateCost } from "./template-cost.mjs";

const quick = process.argv.includes("--quick");
/** `--only=plan|apply|latency|startup|templates` runs one section (and writes no results file). */
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
const section = (name) => only === undefined || only === name;
const rows = [];
const results = { date: new Date().toISOString().slice(0, 10), node: process.version, quick, figures: {} };
// 1. Planning cost (plan-cost.mjs): the whole `jobsync plan` against the work no implementation
//    can skip (downloading the runs and parsing the manifests with yaml), CPU and peak memory.

// 2. Apply throughput under a tight server limit without Retry-After, with the number of 429s:
//    once with jobsync configured to the server's budget, once left at its default (1000 per
//    60 s) against a server whose 429s say nothing. Against two references: the smooth ideal (the
//    first window's requests at once, then the budget's rate), which a sliding-window server
//    cannot reach, and the server's minimum (each window's requests at once, one window apart).
async function applyThroughput({ label, clientBudget, hints }) {
  const budget = quick ? { requests: 20, perSeconds: 2 } : { requests: 60, perSeconds: 5 };
  const shape = quick
    ? { runs: 4, groups: 4, existingPerGroup: 6, newPerGroup: 3, cluster: 1 }
    : { runs: 8, groups: 10, existingPerGroup: 8, newPerGroup: 4, cluster: 1 };
  const scenario = bigScenario(shape);
  const dir = mkdtempSync(join(tmpdir(), "jobsync-bench-"));
  writeManifests(join(dir, "manifests"), scenario.manifests);
  writeFileSync(join(dir, "jobsync.config.json"), JSON.stringify(clientBudget ? { rateLimit: budget } : {}));
  const emulator = await startEmulator({
    port: 0,
    seed: scenario.seed,
    rateLimit: { ...budget, retryAfter: false, hints },
  });
  const env = { JOBSYNC_BASE_URL: emulator.url, WORKIVA_CLIENT_ID: "bench", WORKIVA_CLIENT_SECRET: "bench" };
  try {
    const r = await time(() => runCli(["apply", "--auto-approve"], nullIO(env, dir)));
    if (r.value !== 0) throw new Error(`jobsync apply exited ${r.value}`);
    const api = emulator.requests.filter((q) => !q.path.includes("oauth2"));
    const accepted = api.filter((q) => q.status !== 429).length;
    const tooMany = api.length - accepted;
    const rate = budget.requests / budget.perSeconds;
    const idealMs = (Math.max(0, accepted - budget.requests) / rate) * 1000;
    const floorMs = slidingWindowMinimumMs(accepted, budget);
    const fig = {
      budget,
      clientBudget,
      hints,
      requests: accepted,
      tooMany,
      wallMs: r.ms,
      idealMs,
      ratio: r.ms / Math.max(idealMs, 1),
      floorMs,
      floorRatio: r.ms / Math.max(floorMs, 1),
    };
    results.figures[label] = fig;
    rows.push([
      `apply, ${clientBudget ? "config = server budget" : "default config"}, ${hints ? "429 says when" : "bare 429s"}`,
      `${accepted} requests at ${budget.requests}/${budget.perSeconds}s, ${tooMany} x 429`,
      `${ms(r.ms)} vs ideal ${ms(idealMs)} (${fig.ratio.toFixed(2)}x), server minimum ${ms(floorMs)}`,
      `${fig.floorRatio.toFixed(2)}x (goal <= 1.10x)`,
    ]);
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (section("plan")) await planningCost({ quick, rows, results });
if (section("apply")) {
  await applyThroughput({ label: "apply", clientBudget: true, hints: true });
  await applyThroughput({ label: "applyDefaultBudgetBare429", clientBudget: false, hints: false });
}
if (section("latency")) {
  results.figures.applyLatency = [];
  const cases = quick
    ? [{ latencyMs: 480, runs: 4, gapsPerRun: 20 }]
    : [
        { latencyMs: 0, runs: 8, gapsPerRun: 25 },
        { latencyMs: 120, runs: 1, gapsPerRun: 100 },
        { latencyMs: 120, runs: 8, gapsPerRun: 25 },
        { latencyMs: 480, runs: 8, gapsPerRun: 25 },
        { latencyMs: 1000, runs: 8, gapsPerRun: 25 },
        { latencyMs: 120, runs: 8, gapsPerRun: 50, budget: { requests: 100, perSeconds: 6 } },
        { latencyMs: 1000, runs: 8, gapsPerRun: 50, budget: { requests: 100, perSeconds: 6 } },
      ];
  for (const c of cases) {
    const { fig, row } = await applyAtLatency(c);
    results.figures.applyLatency.push(fig);
    rows.push(row);
  }
}
if (section("startup")) {
  const { fig, rows: lines } = startupCost({ quick });
  results.figures.startup = fig;
  rows.push(...lines);
}
if (section("templates")) {
  const { fig, row } = await templateCost({ quick });
  results.figures.templates = fig;
  rows.push(row);
}

const header = ["measure", "scenario", "time / count", "ratio"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
console.log(`jobsync bench, ${results.date}, Node ${process.version}${quick ? " (quick)" : ""}\n`);
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));
if (!quick && only === undefined)
  writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
