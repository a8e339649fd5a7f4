// Preloaded (`node --import ./bench/peak-memory.mjs`) into a process the bench measures: at exit it
// writes the process's peak resident set (getrusage's ru_maxrss, exact) and the most heap it saw in
// use (V8's heapUsed, sampled every 20 ms and at exit, so a peak between samples can be missed) as
// JSON to the file named by BENCH_PEAK_MEMORY_FILE.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_PEAK_MEMORY_FILE;
if (file) {
  let heapUsed = 0;
  const sample = () => {
    heapUsed = Math.max(heapUsed, process.memoryUsage().heapUsed);
  };
  setInterval(sample, 20).unref();
  process.on("exit", () => {
    sample();
    writeFileSync(file, JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024, heapUsed }));
  });
}
