/**
 * The environment variables jobsync reads, for help. Each names the commands it matters to
 * (`"all"`: every command); the global help lists them all, a command's help only its own.
 */

export interface EnvironmentVariable {
  readonly name: string;
  readonly description: string;
  readonly commands: "all" | readonly string[];
}

/** The commands that talk to the API (and so read credentials, the base URL and proxies). */
const API_COMMANDS = ["plan", "status", "render", "apply", "import", "doctor"] as const;
/** The commands whose output can be coloured. */
const COLOURED = ["plan", "status", "apply", "show", "doctor"] as const;

export const ENVIRONMENT: readonly EnvironmentVariable[] = [
  {
    name: "WORKIVA_CLIENT_ID",
    description: "OAuth client id; with WORKIVA_CLIENT_SECRET jobsync gets and refreshes its own token",
    commands: API_COMMANDS,
  },
  {
    name: "WORKIVA_CLIENT_SECRET",
    description: "OAuth client secret (never printed)",
    commands: API_COMMANDS,
  },
  {
    name: "JOBSYNC_TOKEN",
    description: "a ready bearer token, instead of the client id and secret (not refreshed)",
    commands: API_COMMANDS,
  },
  {
    name: "JOBSYNC_BASE_URL",
    description:
      "API base URL, overrides the config's api.baseUrl (e.g. http://127.0.0.1:8080 for the emulator)",
    commands: API_COMMANDS,
  },
  {
    name: "HTTPS_PROXY, HTTP_PROXY, NO_PROXY",
    description: "proxy for API requests, and hosts that bypass it (lower case too; loopback never proxied)",
    commands: API_COMMANDS,
  },
  {
    name: "JOBSYNC_LOCK_DIR",
    description: "folder of apply's per-run lock files (default: jobsync-locks in the temporary folder)",
    commands: ["apply"],
  },
  {
    name: "NO_COLOR",
    description: "any non-empty value: no colour (as --no-color)",
    commands: COLOURED,
  },
  {
    name: "FORCE_COLOR",
    description:
      "1, 2, 3 or true: colour even when not on a terminal, and over NO_COLOR (as Node); 0 or false: never",
    commands: COLOURED,
  },
  {
    name: "GITHUB_SHA, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID",
    description: "set by GitHub Actions: markdown plans name the commit and link the workflow run",
    commands: ["plan", "show"],
  },
];

/** The variables that matter to one command (all of them when `command` is undefined). */
export function environmentFor(command?: string): readonly EnvironmentVariable[] {
  return ENVIRONMENT.filter(
    (v) => command === undefined || v.commands === "all" || v.commands.includes(command),
  );
}
