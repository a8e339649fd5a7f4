import { UserError } from "../../diagnostics/errors.js";
import type { CommandSpec } from "../cli-types.js";

export const applyCommand: CommandSpec = {
  name: "apply",
  summary: "(not implemented yet)",
  usage: "jobsync apply",
  options: {},
  async run() {
    throw new UserError("jobsync apply is not implemented yet");
  },
};
