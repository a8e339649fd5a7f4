import type { CommandEntry } from "../cli-types.js";

/**
 * Every command, in the order help lists them. Each is loaded only when it runs (or shows its
 * help), so `jobsync --help` and `--version` start fast.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "validate",
    summary: "Check the manifests offline (every problem in every file, with line and column)",
    examples: [
      { command: "jobsync validate", does: "check every manifest under the configured folder" },
      {
        command: "jobsync validate --format github --manifests manifests/q4",
        does: "one GitHub Actions annotation per problem, for a CI step",
      },
    ],
    load: async () => (await import("./validate.js")).validateCommand,
  },
  {
    name: "fmt",
    summary: "Rewrite the manifest files in the canonical layout (--check: only list them, exit 3)",
    examples: [
      { command: "jobsync fmt", does: "rewrite the configured manifests in the canonical layout" },
      { command: "jobsync fmt --check manifests/", does: "CI: list the files that need fmt, exit 3 if any" },
    ],
    load: async () => (await import("./fmt.js")).fmtCommand,
  },
  {
    name: "plan",
    summary: "Show the job runs to create (reads the live runs; changes nothing)",
    examples: [
      { command: "jobsync plan", does: "show what apply would create, as text" },
      {
        command: "jobsync plan --out plan.json --format markdown --detailed-exitcode > plan.md",
        does: "a pull-request comment and the plan to apply on merge; exit 2 when there are changes",
      },
    ],
    load: async () => (await import("./plan.js")).planCommand,
  },
  {
    name: "status",
    summary: "Say whether each process run is in sync with the manifests, and its health",
    examples: [
      { command: "jobsync status", does: "each process run: Synced or OutOfSync, and its health" },
      {
        command: "jobsync status --detailed-exitcode --format json",
        does: "a scheduled drift check: exit 2 when a run is out of sync",
      },
    ],
    load: async () => (await import("./status.js")).statusCommand,
  },
  {
    name: "doctor",
    summary: "Check the setup against the real API, read-only (a redacted report for bug reports)",
    examples: [
      {
        command: "jobsync doctor",
        does: "config, URL, proxy, TLS, token, X-Version and every target's run, checked",
      },
      {
        command: "jobsync doctor --format json > doctor.json",
        does: "the same report as JSON, secrets removed, to attach to a bug report",
      },
    ],
    load: async () => (await import("./doctor.js")).doctorCommand,
  },
  {
    name: "render",
    summary: "Print the manifests with their templates expanded, one per target",
    examples: [
      { command: "jobsync render", does: "every target's manifest with its templates expanded, as YAML" },
      {
        command: "jobsync render --target run-nov-2026 --format json",
        does: "one process run's expanded manifest, as JSON",
      },
    ],
    load: async () => (await import("./render.js")).renderCommand,
  },
  {
    name: "apply",
    summary: "Create the missing job runs (plans and asks first, or applies a saved plan)",
    examples: [
      { command: "jobsync apply", does: "plan, show it and ask for 'yes' before creating anything" },
      {
        command: "jobsync apply plan.json",
        does: "apply exactly a reviewed plan (refused if a run changed since)",
      },
    ],
    load: async () => (await import("./apply.js")).applyCommand,
  },
  {
    name: "show",
    summary: "Render a saved plan file (offline)",
    examples: [
      { command: "jobsync show plan.json", does: "a saved plan as text, offline" },
      {
        command: "jobsync show plan.json --format markdown > plan.md",
        does: "a saved plan as a pull-request comment",
      },
    ],
    load: async () => (await import("./show.js")).showCommand,
  },
  {
    name: "schema",
    summary: "Print the manifest JSON Schema (for editor validation and completion)",
    examples: [
      { command: "jobsync schema > jobsync.schema.json", does: "save the JSON Schema for an editor" },
      { command: "jobsync schema | jq '.properties | keys'", does: "the top-level keys a manifest may have" },
    ],
    load: async () => (await import("./schema.js")).schemaCommand,
  },
  {
    name: "import",
    summary: "Write a manifest that reproduces a live process run",
    examples: [
      {
        command: "jobsync import 51bcc3ec3d0b4aadb69659e2a7ed767b",
        does: "print a manifest that reproduces the run",
      },
      {
        command: "jobsync import run-q4close --out manifests/q4-close.yaml",
        does: "write it as a new manifest file (--force to overwrite)",
      },
    ],
    load: async () => (await import("./import.js")).importCommand,
  },
  {
    name: "completion",
    summary: "Print a shell completion script (bash, zsh or fish)",
    examples: [
      { command: "source <(jobsync completion bash)", does: "completion in the current bash session" },
      {
        command: "jobsync completion fish > ~/.config/fish/completions/jobsync.fish",
        does: "install it for fish",
      },
    ],
    load: async () => (await import("./completion.js")).completionCommand,
  },
  {
    name: "emulator",
    summary: "Run a local Workiva Processes API emulator (for demos and CI)",
    examples: [
      { command: "jobsync emulator", does: "serve the demo seed on http://127.0.0.1:8080" },
      {
        command: "jobsync emulator --port 0 --seed ci-seed.json --rate-limit 20/10s --latency 50",
        does: "any free port, your own seed, a tight budget and slow answers",
      },
    ],
    load: async () => (await import("./emulator.js")).emulatorCommand,
  },
];
