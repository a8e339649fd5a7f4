import { UserError } from "../../diagnostics/errors.js";
import type { CommandSpec } from "../cli-types.js";

export const importCommand: CommandSpec = {
  name: "import",
  summary: "(not implemented yet)",
  usage: "jobsync import",
  options: {},
  async run() {
    throw new UserError("jobsync import is not implemented yet");
  },
};
