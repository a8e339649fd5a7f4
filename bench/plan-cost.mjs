// Planning cost: the whole `jobsync plan` against the work no implementation can skip (downloading
// the runs and parsing the manifests with yaml), at each size in CPU time and wall time; and, at the
// largest size, the peak memory of `jobsync plan` as its own process against the manifests' bytes.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pLimit from "p-limit";
import { request } from "undici";
import { parseAllDocuments } from "yaml";
import { createProcessesClient } from "../dist/api/client.js";
import { readLiveState } from "../dist/api/read-live.js";
import { runCli } from "../dist/cli/main.js";
import { loadManifests } from "../dist/manifest/load-manifests.js";
import { planChanges } from "../dist/plan/planner.js";
import { emulatorProcess, median, ms, nullIO } from "./lib.mjs";
import { bigScenario, countEntries, writeManifests } from "./scenarios.mjs";

const CPU_GOAL = 1.1;
const MEMORY_GOAL = 25;

/** Each run's 10 groups of 150 existing and 100 new job runs: 2,510 entries a run. */
const perRun = { groups: 10, existingPerGroup: 150, newPerGroup: 100 };
const SIZES = [
  { ...perRun, runs: 18, reps: 5, warmUp: true }, // 45,180 entries
  { ...perRun, runs: 80, reps: 3, planner: true, memory: true }, // 200,800 entries
];
const QUICK = [
  { runs: 8, groups: 5, existingPerGroup: 60, newPerGroup: 40, reps: 3, planner: true, memory: true },
];

/** `fn`'s wall time and the CPU time (user + system, every thread of this process) it took. */
async function measure(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000, value };
}

const goal = (ratio, max) =>
  `${ratio.toFixed(2)}x (goal <= ${max.toFixed(2)}x: ${ratio <= max ? "met" : "NOT met"})`;

export async function planningCost({ quick, rows, results }) {
  results.figures.planning = [];
  for (const size of quick ? QUICK : SIZES) {
    const fig = await planningAt(size, rows);
    results.figures.planning.push(fig);
  }
}

async function planningAt(size, rows) {
  const scenario = bigScenario(size);
  const entries = countEntries(scenario.manifests);
  const dir = mkdtempSync(join(tmpdir(), "jobsync-bench-"));
  const manifestDir = join(dir, "manifests");
  writeManifests(manifestDir, scenario.manifests);
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
    const files = readdirSync(manifestDir).sort();
    const manifestBytes = files.reduce((n, f) => n + statSync(join(manifestDir, f)).size, 0);

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
        parseAllDocuments(await readFile(join(manifestDir, f), "utf8"));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await download;
    };
    const full = () => runCli(["plan", "--format", "json"], nullIO(env, dir));

    if (size.warmUp) {
      await baseline();
      await full(); // warm-up both (the larger sizes run warm after the first)
    }
    const base = [];
    const mine = [];
    for (let i = 0; i < size.reps; i++) {
      base.push(await measure(baseline));
      const r = await measure(full);
      if (r.value !== 0) throw new Error(`jobsync plan exited ${r.value}`);
      mine.push(r);
    }
    const fig = {
      desiredEntries: entries,
      runs: runIds.length,
      manifestBytes,
      baselineCpuMs: median(base.map((r) => r.cpuMs)),
      planCpuMs: median(mine.map((r) => r.cpuMs)),
      baselineWallMs: median(base.map((r) => r.wallMs)),
      planWallMs: median(mine.map((r) => r.wallMs)),
    };
    fig.cpuRatio = fig.planCpuMs / fig.baselineCpuMs;
    fig.wallRatio = fig.planWallMs / fig.baselineWallMs;
    const scenarioText = `${entries} entries, ${runIds.length} runs`;
    rows.push([
      "jobsync plan vs bare download + yaml parse, CPU",
      `${scenarioText}, median of ${size.reps}`,
      `${ms(fig.planCpuMs)} vs ${ms(fig.baselineCpuMs)}`,
      goal(fig.cpuRatio, CPU_GOAL),
    ]);
    rows.push([
      "the same, wall time",
      scenarioText,
      `${ms(fig.planWallMs)} vs ${ms(fig.baselineWallMs)}`,
      `${fig.wallRatio.toFixed(2)}x`,
    ]);
    if (size.memory) {
      const peak = await peakMemory(dir, env);
      Object.assign(fig, peak, {
        rssRatio: peak.maxRssBytes / manifestBytes,
        heapRatio: peak.heapUsed / manifestBytes,
      });
      const mib = (n) => `${(n / 2 ** 20).toFixed(1)} MiB`;
      rows.push([
        "jobsync plan process, peak RSS vs manifests' bytes",
        `${scenarioText}, ${mib(manifestBytes)} of YAML`,
        `${mib(peak.maxRssBytes)} vs ${mib(manifestBytes)}`,
        goal(fig.rssRatio, MEMORY_GOAL),
      ]);
      rows.push([
        "the same, most heap used (sampled every 20 ms)",
        scenarioText,
        `${mib(peak.heapUsed)} vs ${mib(manifestBytes)}`,
        `${fig.heapRatio.toFixed(2)}x`,
      ]);
    }
    if (size.planner) Object.assign(fig, await plannerAlone(dir, emulator.url, rows));
    return fig;
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `jobsync plan --format json --out FILE` as its own process (node dist/cli/bin.js, stdout read
 * through a pipe): its peak memory, read by bench/peak-memory.mjs inside it.
 */
async function peakMemory(dir, env) {
  const report = join(dir, "peak-memory.json");
  const child = spawn(
    process.execPath,
    [
      "--import",
      new URL("./peak-memory.mjs", import.meta.url).href,
      new URL("../dist/cli/bin.js", import.meta.url).pathname,
      "plan",
      "--format",
      "json",
      "--out",
      "plan.json",
    ],
    {
      cwd: dir,
      env: { ...process.env, ...env, BENCH_PEAK_MEMORY_FILE: report },
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  let stdoutBytes = 0;
  child.stdout.on("data", (chunk) => {
    stdoutBytes += chunk.length;
  });
  const code = await new Promise((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`jobsync plan (child process) exited ${code}`);
  const planBytes = statSync(join(dir, "plan.json")).size;
  if (planBytes !== stdoutBytes) throw new Error(`--out wrote ${planBytes} bytes, stdout ${stdoutBytes}`);
  return { ...JSON.parse(readFileSync(report, "utf8")), planBytes };
}

/** The planner alone, on inputs already read. */
async function plannerAlone(dir, url, rows) {
  const { desired } = await loadManifests([join(dir, "manifests")], { cwd: dir });
  const client = createProcessesClient({
    baseUrl: url,
    tokenUrl: `${url}/oauth2/token`,
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
  const runs = [];
  let result;
  for (let i = 0; i < 3; i++) {
    const r = await measure(() => planChanges(desired, live, { maxJobsPerRequest: 100 }));
    runs.push(r.wallMs);
    result = r.value;
  }
  const fig = {
    creates: result.plan.summary.create,
    requests: result.plan.summary.requests,
    plannerOnlyMs: median(runs),
  };
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
  return fig;
}
