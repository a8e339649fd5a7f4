import { UserError } from "../../diagnostics/errors.js";
import type { CommandSpec } from "../cli-types.js";

export const showCommand: CommandSpec = {
  name: "show",
  summary: "(not implemented yet)",
  usage: "jobsync show",
  options: {},
  async run() {
    throw new UserError("jobsync show is not implemented yet");
  },
};
