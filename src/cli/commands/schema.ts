import { UserError } from "../../diagnostics/errors.js";
import type { CommandSpec } from "../cli-types.js";

export const schemaCommand: CommandSpec = {
  name: "schema",
  summary: "(not implemented yet)",
  usage: "jobsync schema",
  options: {},
  async run() {
    throw new UserError("jobsync schema is not implemented yet");
  },
};
