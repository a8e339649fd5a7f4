import { resolve } from "node:path";
import { UserError } from "../../diagnostics/errors.js";
import { CHILD_SHAPES } from "../../emulator/child-shapes.js";
import { DEMO_SEED } from "../../emulator/demo-seed.js";
import type {
  ChildShape,
  EmulatorOptions,
  EmulatorSeed,
  ResponseShapes,
} from "../../emulator/emulator-types.js";
import { DEFAULT_RATE_LIMIT, parseRateLimit } from "../../emulator/rate-limit.js";
import { loadSeedFile } from "../../emulator/seed.js";
import { startEmulator } from "../../emulator/server.js";
import type { CommandSpec, OptionValue } from "../cli-types.js";

const CHILD_SHAPE_NAMES = Object.keys(CHILD_SHAPES) as ChildShape[];

/** `jobsync emulator`: serve the local Processes API emulator until Ctrl-C. */
export const emulatorCommand: CommandSpec = {
  usage:
    "jobsync emulator [--port N] [--host H] [--seed FILE] [--rate-limit N/Ss|off] [--latency MS] [--children SHAPE] [--nest-generated] [--no-process-run]",
  options: {
    port: {
      type: "string",
      description: "Port to listen on (default 8080; 0 = any free port)",
      valueName: "N",
    },
    host: { type: "string", description: "Address to bind (default 127.0.0.1)", valueName: "HOST" },
    seed: {
      type: "string",
      description: "Seed data JSON file (default: the built-in demo seed)",
      valueName: "FILE",
    },
    "rate-limit": {
      type: "string",
      description: "Requests per window per token, e.g. 1000/60s (the default), or off",
      valueName: "N/Ss",
    },
    "no-retry-after": { type: "boolean", description: "Leave the Retry-After header out of 429 answers" },
    "no-retry-hints": {
      type: "boolean",
      description: '429 messages say only "Too many requests." (no limit, no wait; implies --no-retry-after)',
    },
    latency: { type: "string", description: "Delay every response by MS milliseconds", valueName: "MS" },
    children: {
      type: "string",
      description:
        "How run-tree children are written: wrapped {type,jobRun} (default), typed {type,job}, bare, bare-typed",
      valueName: "SHAPE",
      choices: CHILD_SHAPE_NAMES,
    },
    "nest-generated": {
      type: "boolean",
      description: "Serve generated certification job runs as children of their certification job run",
    },
    "no-process-run": {
      type: "boolean",
      description: "Leave the current run out of GET /processes/{id} (only the list embeds it)",
    },
    quiet: { type: "boolean", short: "q", description: "Do not log each request to stderr" },
  },
  async run({ io, values }) {
    const port = integerOption(values.port, "--port", 8080, 65535);
    const latencyMs = integerOption(values.latency, "--latency", 0, 600_000);
    const seed: EmulatorSeed =
      typeof values.seed === "string" ? loadSeedFile(resolve(io.cwd, values.seed)) : DEMO_SEED;
    const limit = typeof values["rate-limit"] === "string" ? parseRateLimit(values["rate-limit"]) : undefined;
    const rateLimit: EmulatorOptions["rateLimit"] =
      limit === false
        ? false
        : {
            ...DEFAULT_RATE_LIMIT,
            ...limit,
            retryAfter: !values["no-retry-after"] && !values["no-retry-hints"],
            hints: !values["no-retry-hints"],
          };
    const quiet = values.quiet === true;

    let emulator: Awaited<ReturnType<typeof startEmulator>>;
    try {
      emulator = await startEmulator({
        port,
        host: typeof values.host === "string" ? values.host : "127.0.0.1",
        seed,
        rateLimit,
        latencyMs,
        shapes: shapesOption(values),
        onRequest: quiet
          ? undefined
          : (r) =>
              io.stderr.write(`${r.method} ${r.path} ${r.status === 0 ? "reset" : r.status} ${r.ms}ms\n`),
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL") {
        throw new UserError(
          `cannot listen on port ${port}: ${code}`,
          "Choose another port with --port N (0 = any).",
        );
      }
      throw error;
    }

    io.stdout.write(`Workiva Processes API emulator listening on ${emulator.url}\n`);
    for (const line of describeSeed(seed)) io.stdout.write(`${line}\n`);
    io.stdout.write(
      `Tokens: POST ${emulator.url}/oauth2/token (${seed.clients ? "seeded clients only" : "any client id/secret"}). ` +
        `Rate limit: ${rateLimit === false ? "off" : `${rateLimit.requests} per ${rateLimit.perSeconds} s`}. Ctrl-C stops.\n`,
    );

    await waitForAbort(io.signal);
    await emulator.close();
    io.stdout.write("Emulator stopped.\n");
    return 0;
  },
};

/** One line per seeded run (and per never-run process). */
export function describeSeed(seed: EmulatorSeed): string[] {
  return seed.processes.map((p) =>
    p.run
      ? `  run ${p.run.id}  "${p.name}" (process ${p.id}, ${p.run.status ?? "running"})`
      : `  process ${p.id}  "${p.name}" (not started)`,
  );
}

/** The response shapes chosen by --children, --nest-generated and --no-process-run. */
function shapesOption(values: Readonly<Record<string, OptionValue>>): ResponseShapes {
  const children = values.children;
  if (children !== undefined && !CHILD_SHAPE_NAMES.includes(children as ChildShape)) {
    throw new UserError(
      `invalid --children "${String(children)}"`,
      `Use one of: ${CHILD_SHAPE_NAMES.join(", ")}.`,
    );
  }
  return {
    ...(children !== undefined ? { children: children as ChildShape } : {}),
    ...(values["nest-generated"] === true ? { certificationChildren: "nested" as const } : {}),
    ...(values["no-process-run"] === true ? { processEmbedsRun: false } : {}),
  };
}

function integerOption(value: OptionValue, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const text = String(value);
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > max) {
    throw new UserError(`invalid ${name} "${text}"`, `Use a whole number from 0 to ${max}.`);
  }
  return n;
}

function waitForAbort(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return; // no Ctrl-C wiring: serve until the process is killed
    if (signal.aborted) return resolve();
    signal.addEventListener("abort", () => resolve(), { once: true });
  });
}
