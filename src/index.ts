/** The package's public API: `defineConfig()` for typed config files, and the pipeline's main types. */

export type { LiveState } from "./api/live-types.js";
export { defineConfig, type JobsyncConfig } from "./config/define-config.js";
export type { DesiredState } from "./manifest/desired-types.js";
export type { Plan } from "./plan/plan-types.js";
