import { UserError } from "../../diagnostics/errors.js";
import type { CommandSpec } from "../cli-types.js";

export const emulatorCommand: CommandSpec = {
  name: "emulator",
  summary: "(not implemented yet)",
  usage: "jobsync emulator",
  options: {},
  async run() {
    throw new UserError("jobsync emulator is not implemented yet");
  },
};
