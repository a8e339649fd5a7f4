import type { CommandEntry } from "../cli-types.js";

/**
 * Every command, in the order help lists them. Each is loaded only when it runs (or shows its
 * help), so `jobsync --help` and `--version` start fast.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "validate",
    summary: "Check the manifests offline (every problem in every file, with line and column)",
    load: async () => (await import("./validate.js")).validateCommand,
  },
  {
    name: "fmt",
    summary: "Rewrite the manifest files in the canonical layout (--check: only list them, exit 3)",
    load: async () => (await import("./fmt.js")).fmtCommand,
  },
  {
    name: "plan",
    summary: "Show the job runs to create (reads the live runs; changes nothing)",
    load: async () => (await import("./plan.js")).planCommand,
  },
  {
    name: "status",
    summary: "Say whether each process run is in sync with the manifests, and its health",
    load: async () => (await import("./status.js")).statusCommand,
  },
  {
    name: "render",
    summary: "Print the manifests with their templates expanded, one per target",
    load: async () => (await import("./render.js")).renderCommand,
  },
  {
    name: "apply",
    summary: "Create the missing job runs (plans and asks first, or applies a saved plan)",
    load: async () => (await import("./apply.js")).applyCommand,
  },
  {
    name: "show",
    summary: "Render a saved plan file (offline)",
    load: async () => (await import("./show.js")).showCommand,
  },
  {
    name: "schema",
    summary: "Print the manifest JSON Schema (for editor validation and completion)",
    load: async () => (await import("./schema.js")).schemaCommand,
  },
  {
    name: "import",
    summary: "Write a manifest that reproduces a live process run",
    load: async () => (await import("./import.js")).importCommand,
  },
  {
    name: "completion",
    summary: "Print a shell completion script (bash, zsh or fish)",
    load: async () => (await import("./completion.js")).completionCommand,
  },
  {
    name: "emulator",
    summary: "Run a local Workiva Processes API emulator (for demos and CI)",
    load: async () => (await import("./emulator.js")).emulatorCommand,
  },
];
