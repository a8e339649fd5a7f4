// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is the template syntax, not a JS placeholder
// Templates must not change the plan's cost class (issue 16): one template with T targets × J
// jobs (a forEach over J items, every field computed) against the same T × J entries written out
// by hand in T files, both planned by `jobsync plan --format json` against one emulator process.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../dist/cli/main.js";
import { emulatorProcess, median, ms, nullIO, time } from "./lib.mjs";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function period(t) {
  const year = 2000 + Math.floor(t / 12);
  const month = (t % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const end = `${year}-${String(month).padStart(2, "0")}-${String(last).padStart(2, "0")}`;
  return { name: `${MONTHS[t % 12]} ${year}`, end };
}

function scenario(targets, jobs) {
  const items = Array.from({ length: jobs }, (_, j) => ({ name: `Entity ${j}`, owner: `u${j % 17}` }));
  const periods = Array.from({ length: targets }, (_, t) => period(t));
  const seed = {
    processes: periods.map((_, t) => ({
      id: `p${t}`,
      name: `Close ${t}`,
      run: { id: `run${t}`, status: "running", parallel: true, children: [] },
    })),
  };
  const template = [
    "apiVersion: jobsync/v1",
    "kind: JobRuns",
    "vars:",
    "  items:",
    ...items.map((i) => `    - { name: ${i.name}, owner: ${i.owner} }`),
    "targets:",
    ...periods.flatMap((p, t) => [
      `  - processRun: run${t}`,
      `    vars: { month: ${p.name}, periodEnd: ${p.end} }`,
    ]),
    "jobs:",
    "  - forEach: ${{ vars.items }}",
    "    jobs:",
    "      - sendTask:",
    '          title: "${{ vars.month }}: ${{ item.name }}"',
    "          assignee: ${{ item.owner }}",
    "          dueDate: ${{ eomonth(vars.periodEnd, 1) }}",
    "",
  ].join("\n");
  const byHand = periods.map((p, t) => {
    const [y, m] = p.end.split("-").map(Number);
    const next = new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10);
    return [
      "apiVersion: jobsync/v1",
      "kind: JobRuns",
      "target:",
      `  processRun: run${t}`,
      "jobs:",
      ...items.flatMap((i) => [
        "  - sendTask:",
        `      title: "${p.name}: ${i.name}"`,
        `      assignee: ${i.owner}`,
        `      dueDate: ${next}`,
      ]),
      "",
    ].join("\n");
  });
  return { seed, template, byHand };
}

export async function templateCost({ quick }) {
  const [targets, jobs] = quick ? [40, 50] : [200, 200];
  const { seed, template, byHand } = scenario(targets, jobs);
  const dir = mkdtempSync(join(tmpdir(), "jobsync-bench-tpl-"));
  const templateDir = join(dir, "template");
  const handDir = join(dir, "by-hand");
  mkdirSync(templateDir);
  mkdirSync(handDir);
  writeFileSync(join(templateDir, "close.yaml"), template);
  for (const [t, text] of byHand.entries()) {
    writeFileSync(join(handDir, `close-${String(t).padStart(3, "0")}.yaml`), text);
  }
  writeFileSync(
    join(dir, "jobsync.config.json"),
    JSON.stringify({ rateLimit: { requests: 1_000_000, perSeconds: 60 } }),
  );
  const emulator = await emulatorProcess(dir, seed);
  const env = { JOBSYNC_BASE_URL: emulator.url, WORKIVA_CLIENT_ID: "bench", WORKIVA_CLIENT_SECRET: "bench" };
  const outputs = {};
  const plan = (folder) => async () => {
    let out = "";
    const io = {
      ...nullIO(env, dir),
      stdout: {
        write: (s) => {
          out += s;
        },
      },
    };
    const code = await runCli(["plan", "--format", "json", "--manifests", folder], io);
    if (code !== 0) throw new Error(`jobsync plan exited ${code}`);
    outputs[folder] = JSON.parse(out).summary.create;
  };
  try {
    await plan(templateDir)();
    await plan(handDir)(); // warm-up both
    if (outputs[templateDir] !== targets * jobs || outputs[handDir] !== targets * jobs)
      throw new Error(
        `expected ${targets * jobs} creates, got ${outputs[templateDir]} and ${outputs[handDir]}`,
      );
    const tpl = [];
    const hand = [];
    for (let i = 0; i < (quick ? 3 : 5); i++) {
      hand.push((await time(plan(handDir))).ms);
      tpl.push((await time(plan(templateDir))).ms);
    }
    const fig = {
      targets,
      jobsPerTarget: jobs,
      templateMs: median(tpl),
      byHandMs: median(hand),
      ratio: median(tpl) / median(hand),
    };
    const row = [
      "plan of a template vs the same entries by hand",
      `${targets} targets x ${jobs} jobs`,
      `${ms(fig.templateMs)} vs ${ms(fig.byHandMs)}`,
      `${fig.ratio.toFixed(2)}x`,
    ];
    return { fig, row };
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
