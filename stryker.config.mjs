// Mutation testing: `npm run mutate` (not part of `npm test` or .ci/run).
// The script builds first: Stryker does not run `pretest`, and some tests run the built dist/ CLI
// in a child process. Those tests see no mutants (they run dist/, not the instrumented src/), but
// they need dist/ to exist so the run does not fail.
// A full run over the three folders takes hours; run one file or a small group at a time, e.g.
//   npm run build --silent && npx stryker run --mutate src/apply/reconcile.ts
// The incremental file keeps earlier results, so a later run only tests changed code and tests.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.config.ts" },
  coverageAnalysis: "perTest",
  mutate: ["src/apply/**/*.ts", "src/api/**/*.ts", "src/plan/**/*.ts", "!src/**/*.test.ts"],
  // Two cores, and other work runs beside it.
  concurrency: 1,
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  ignorePatterns: ["reports", "coverage", ".jobsync-tmp"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
