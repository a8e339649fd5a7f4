/** CLI start-up against `node -e 0`: the median of several whole-process runs of each. */
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { median, ms } from "./lib.mjs";

export function startupCost({ quick }) {
  const n = quick ? 5 : 15;
  const run = (args) => {
    const t = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      execFileSync(process.execPath, args, { stdio: "ignore" });
      t.push(performance.now() - t0);
    }
    return median(t);
  };
  const node = run(["-e", "0"]);
  const version = run(["dist/cli/bin.js", "--version"]);
  const help = run(["dist/cli/bin.js", "--help"]);
  const fig = {
    nodeMs: node,
    versionMs: version,
    helpMs: help,
    ratio: version / node,
    helpRatio: help / node,
  };
  const rows = [];
  rows.push([
    "CLI start-up: jobsync --version vs node -e 0",
    `median of ${n}`,
    `${ms(version)} vs ${ms(node)}`,
    `${(version / node).toFixed(2)}x`,
  ]);
  rows.push([
    "CLI start-up: jobsync --help vs node -e 0",
    `median of ${n}`,
    `${ms(help)} vs ${ms(node)}`,
    `${(help / node).toFixed(2)}x`,
  ]);
  return { fig, rows };
}
