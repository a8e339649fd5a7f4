import { argsKeyOf, GENERATED_KINDS } from "../input/job-kinds.js";

/** The emulator's view of the table of job kinds (`input/job-kinds.ts`, §7.6). */

/** Read-only kinds made by the server under certification jobs; rejected on create. */
export const GENERATED_ACTIONS: ReadonlySet<string> = new Set(Object.keys(GENERATED_KINDS));

/** The `<kind>Args` field of `arguments` for this kind (`sendTask` -> `sendTaskArgs`). */
export const argsField: (action: string) => string = argsKeyOf;
