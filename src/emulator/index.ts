/** The emulator's public exports (for the CLI, tests, the demo and the bench). */
export { DEMO_SEED } from "./demo-seed.js";
export type * from "./emulator-types.js";
export { parseRateLimit } from "./rate-limit.js";
export { loadSeedFile, parseSeed } from "./seed.js";
export { startEmulator } from "./server.js";
