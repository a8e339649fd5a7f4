import type { CommandSpec } from "../cli-types.js";
import { applyCommand } from "./apply.js";
import { emulatorCommand } from "./emulator.js";
import { importCommand } from "./import.js";
import { planCommand } from "./plan.js";
import { schemaCommand } from "./schema.js";
import { showCommand } from "./show.js";
import { validateCommand } from "./validate.js";

/** Every command, in the order help lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  validateCommand,
  planCommand,
  applyCommand,
  showCommand,
  schemaCommand,
  importCommand,
  emulatorCommand,
];
