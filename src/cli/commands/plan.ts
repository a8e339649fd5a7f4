import { UserError } from "../../diagnostics/errors.js";
import type { CommandSpec } from "../cli-types.js";

export const planCommand: CommandSpec = {
  name: "plan",
  summary: "(not implemented yet)",
  usage: "jobsync plan",
  options: {},
  async run() {
    throw new UserError("jobsync plan is not implemented yet");
  },
};
