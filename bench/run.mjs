// npm run bench: performance figures as ratios against baselines measured in the same process.
// Not a test: it prints a table and writes bench/results.json. Loopback only.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pLimit from "p-limit";
import { request } from "undici";
import { parseAllDocuments } from "yaml";
import { createProcessesClient } from "../dist/api/client.js";
import { readLiveState } from "../dist/api/read-live.js";
import { runCli } from "../dist/cli/main.js";
import { startEmulator } from "../dist/emulator/server.js";
import { loadManifests } from "../dist/manifest/load-manifests.js";
import { planChanges } from "../dist/plan/planner.js";
import { applyAtLatency } from "./apply-latency.mjs";
import { emulatorProcess, median, ms, nullIO, time } from "./lib.mjs";
import { bigScenario, countEntries, writeManifests } from "./scenarios.mjs";
import { startupCost } from "./startup.mjs";
import { templateCost } from "./template-cost.mjs";

const quick = process.argv.includes("--quick");
/** `--only=plan|apply|latency|startup|templates` runs one section (and writes no results file). */
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
const section = (name) => only === undefined || only === name;
const rows = [];
const results = { date: new Date().toISOString().slice(0, 10), node: process.version, quick, figures: {} };
// 1. Planning cost: the whole `jobsync plan` against the work no implementation can skip
//    (downloading the runs and parsing the manifests with yaml).
async function planningCost() {
  const shape = quick
    ? { runs: 8, groups: 5, existingPerGroup: 60, newPerGroup: 40 }
    : { runs: 40, groups: 10, existingPerGroup: 150, newPerGroup: 100 };
  const scenario = bigScenario(shape);
  const entries = countEntries(scenario.manifests);
  const dir = mkdtempSync(join(tmpdir(), "jobsync-bench-"));
  writeManifests(join(dir, "manifests"), scenario.manifests);
  writeFileSync(
    join(dir, "jobsync.config.json"),
    JSON.stringify({ rateLimit: { requests: 1_000_000, perSeconds: 60 } }),
  );
  // The API in its own process, as a real server is: its work does not share jobsync's thread.
  const emulator = await emulatorProcess(dir, scenario.seed);
  const env = { JOBSYNC_BASE_URL: emulator.url, WORKIVA_CLIENT_ID: "bench", WORKIVA_CLIENT_SECRET: "bench" };
  try {
    const token = (
      await (
        await fetch(`${emulator.url}/oauth2/token`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "grant_type=client_credentials&client_id=bench&client_secret=bench",
        })
      ).json()
    ).access_token;
    const headers = {
      authorization: `Bearer ${token}`,
      "x-version": "2026-04-01.processes.preview",
      accept: "application/json",
    };
    const runIds = scenario.seed.processes.map((p) => p.run.id);
    const files = readdirSync(join(dir, "manifests")).sort();

    // The least any implementation must do: download every run (4 at a time) and parse every
    // manifest with yaml, the two overlapped (the parse yields between files, as jobsync does).
    const baseline = async () => {
      const limit = pLimit(4);
      const download = Promise.all(
        runIds.map((id) =>
          limit(async () => (await request(`${emulator.url}/processRuns/${id}`, { headers })).body.json()),
        ),
      );
      for (const f of files) {
        parseAllDocuments(await readFile(join(dir, "manifests", f), "utf8"));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await download;
    };
    const full = () => runCli(["plan", "--format", "json"], nullIO(env, dir));

    await baseline();
    await full(); // warm-up both
    const base = [];
    const mine = [];
    for (let i = 0; i < (quick ? 3 : 5); i++) {
      base.push((await time(baseline)).ms);
      const r = await time(full);
      if (r.value !== 0) throw new Error(`jobsync plan exited ${r.value}`);
      mine.push(r.ms);
    }

    // The planner alone, on inputs already read.
    const { desired } = await loadManifests([join(dir, "manifests")], { cwd: dir });
    const client = createProcessesClient({
      baseUrl: emulator.url,
      tokenUrl: `${emulator.url}/oauth2/token`,
      version: "2026-04-01.processes.preview",
      timeoutMs: 30000,
      credentials: { type: "clientCredentials", clientId: "bench", clientSecret: "bench" },
      rateLimit: { requests: 1_000_000, perSeconds: 60 },
    });
    const live = await readLiveState(
      desired.manifests.map((m) => m.target),
      client,
      { parallelism: 4 },
    );
    await client.close();
    const plannerRuns = [];
    let result;
    for (let i = 0; i < 5; i++) {
      const r = await time(() => planChanges(desired, live, { maxJobsPerRequest: 100 }));
      plannerRuns.push(r.ms);
      result = r.value;
    }
    const fig = {
      desiredEntries: entries,
      runs: runIds.length,
      creates: result.plan.summary.create,
      requests: result.plan.summary.requests,
      baselineMs: median(base),
      planMs: median(mine),
      ratio: median(mine) / median(base),
      plannerOnlyMs: median(plannerRuns),
    };
    results.figures.planning = fig;
    rows.push([
      "jobsync plan vs bare download + yaml parse",
      `${entries} entries, ${runIds.length} runs`,
      `${ms(fig.planMs)} vs ${ms(fig.baselineMs)}`,
      `${fig.ratio.toFixed(2)}x`,
    ]);
    rows.push([
      "planner alone (pure function)",
      `${fig.creates} creates in ${fig.requests} requests`,
      ms(fig.plannerOnlyMs),
      "-",
    ]);
    rows.push([
      "requests vs naive one-POST-per-job",
      `${fig.creates} job runs`,
      `${fig.requests} vs ${fig.creates}`,
      `${(fig.requests / fig.creates).toFixed(3)}x`,
    ]);
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// 2. Apply throughput under a tight server limit without Retry-After, against the ideal
//    (requests / budget), with the number of 429s: once with jobsync configured to the server's
//    budget, once left at its default (1000 per 60 s) against a server whose 429s say nothing.
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
    const fig = {
      budget,
      clientBudget,
      hints,
      requests: accepted,
      tooMany,
      wallMs: r.ms,
      idealMs,
      ratio: r.ms / Math.max(idealMs, 1),
    };
    results.figures[label] = fig;
    rows.push([
      `apply, ${clientBudget ? "config = server budget" : "default config"}, ${hints ? "429 says when" : "bare 429s"}`,
      `${accepted} requests at ${budget.requests}/${budget.perSeconds}s, ${tooMany} x 429`,
      `${ms(r.ms)} vs ideal ${ms(idealMs)}`,
      `${fig.ratio.toFixed(2)}x`,
    ]);
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (section("plan")) await planningCost();
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
