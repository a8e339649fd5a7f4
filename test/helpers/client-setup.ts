/**
 * Shared setup of the Processes client tests: the emulator on port 0 and the real client, sharing
 * a virtual clock that only moves when someone sleeps; every client opened is closed after its test.
 * Importing this module registers the closing hook for the importing test file.
 */
import { createServer } from "node:net";
import { afterEach } from "vitest";
import type { JobRunCreateItem } from "../../src/api/api-types.js";
import type { ClientEvent, ClientOptions, ProcessesClient } from "../../src/api/client.js";
import type { EmulatorHandle, EmulatorOptions, EmulatorSeed } from "../../src/emulator/emulator-types.js";
import { apiFailure } from "./api-failure.js";
import { emulatorClient } from "./emulator-client.js";
import { startTestEmulator } from "./test-emulator.js";

export const CLIENT_ID = "jobsync-test";
export const SECRET = "top-secret-value";

/** A virtual clock shared by the emulator and the client: sleeping advances it, never waits. */
export function virtualTime() {
  const time = { t: Date.parse("2026-03-02T09:00:00Z"), waits: [] as number[] };
  return {
    time,
    now: () => time.t,
    sleep: async (ms: number) => {
      time.waits.push(ms);
      time.t += ms;
    },
  };
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.close();
});

/** Closes `closable` after the current test (the last opened first). */
export function closeAfterTest(closable: { close(): Promise<void> }): void {
  open.push(closable);
}

export async function setup(
  emulator: Omit<EmulatorOptions, "now"> = {},
  client: Partial<ClientOptions> = {},
): Promise<{
  emu: EmulatorHandle;
  api: ProcessesClient;
  clock: ReturnType<typeof virtualTime>;
  events: ClientEvent[];
}> {
  const clock = virtualTime();
  const emu = await startTestEmulator({ ...emulator, now: clock.now });
  const events: ClientEvent[] = [];
  const api = emulatorClient(emu.url, {
    timeoutMs: 5000,
    credentials: { type: "clientCredentials", clientId: CLIENT_ID, clientSecret: SECRET },
    rateLimit: { requests: 1000, perSeconds: 60 },
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    onEvent: (e) => events.push(e),
    ...client,
  });
  open.push(api);
  return { emu, api, clock, events };
}

export const calls = (emu: EmulatorHandle, method: string, pathPart: string) =>
  emu.requests.filter((r) => r.method === method && r.path.includes(pathPart));

/** The ApiError `promise` rejects with (see api-failure.ts). */
export const caught = apiFailure;

export const sendTask = (title: string): JobRunCreateItem => ({
  action: "sendTask",
  arguments: { type: "sendTask", sendTaskArgs: { title, assignee: { id: "user123", type: "user" } } },
  triggerType: "whenEligible",
});

export const seedOf = (processes: EmulatorSeed["processes"]): EmulatorSeed => ({
  clients: [{ clientId: CLIENT_ID, clientSecret: SECRET }],
  processes,
});

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
