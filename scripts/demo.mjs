// npm run demo: the built-in emulator in-process with its demo seed, then
// `jobsync plan`, `jobsync apply --auto-approve`, and `jobsync plan` again ("No changes").
// Loopback only. Exits non-zero if any step does not end as expected.
import { runCli } from "../dist/cli/main.js";
import { startEmulator } from "../dist/emulator/server.js";

const emulator = await startEmulator({ port: 0 });
const env = {
  ...process.env,
  JOBSYNC_BASE_URL: emulator.url,
  WORKIVA_CLIENT_ID: "demo-client",
  WORKIVA_CLIENT_SECRET: "demo-secret",
};
delete env.JOBSYNC_TOKEN;
const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdinIsTTY: false,
  env,
  cwd: process.cwd(),
};

const banner = (text) =>
  process.stdout.write(
    `\n\x1b[1m$ ${text}\x1b[0m\n\n`.replace(
      /\x1b\[[0-9;]*m/g,
      process.stdout.isTTY && !env.NO_COLOR ? "$&" : "",
    ),
  );

let failed = false;
async function step(args, expected) {
  banner(`jobsync ${args.join(" ")}`);
  const code = await runCli(args, io);
  if (code !== expected) {
    process.stderr.write(`\ndemo: "jobsync ${args.join(" ")}" exited ${code}, expected ${expected}\n`);
    failed = true;
  }
  return code;
}

process.stdout.write(`Started the Processes API emulator at ${emulator.url} (demo seed).\n`);
try {
  (await step(["plan", "--detailed-exitcode"], 2)) === 2 &&
    (await step(["apply", "--auto-approve"], 0)) === 0 &&
    (await step(["plan", "--detailed-exitcode"], 0));
} finally {
  await emulator.close();
}
process.exitCode = failed ? 1 : 0;
