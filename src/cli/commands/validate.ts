import { UserError } from "../../diagnostics/errors.js";
import type { CommandSpec } from "../cli-types.js";

export const validateCommand: CommandSpec = {
  name: "validate",
  summary: "(not implemented yet)",
  usage: "jobsync validate",
  options: {},
  async run() {
    throw new UserError("jobsync validate is not implemented yet");
  },
};
