/** The package's public API: typed config files, and the pipeline for programmatic use. */

export type { LiveState } from "./api/live-types.js";
export { defineConfig, type JobsyncConfig } from "./config/define-config.js";
export type { DesiredState } from "./manifest/desired-types.js";
export type { Plan } from "./plan/plan-types.js";
