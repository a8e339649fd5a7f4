import { manifestJsonSchemaText } from "../../manifest/json-schema.js";
import type { CommandSpec } from "../cli-types.js";

/** `jobsync schema`: prints the manifest JSON Schema for editors (yaml-language-server, VS Code). */
export const schemaCommand: CommandSpec = {
  usage: "jobsync schema > schema/jobsync.schema.json",
  options: {},
  async run({ io }) {
    io.stdout.write(manifestJsonSchemaText());
    return 0;
  },
};
