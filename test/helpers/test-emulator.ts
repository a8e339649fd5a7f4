/**
 * The one way to start the emulator in a test: `startTestEmulator(options)` on port 0 (the demo
 * seed unless `options.seed`), closed after the test that started it (or after the file, for one
 * started in `beforeAll` with `{ until: "file" }`). `env()` is the environment for the CLI against it.
 * Importing this module registers the closing hooks for the importing test file.
 */
import { afterAll, afterEach } from "vitest";
import type { EmulatorHandle, EmulatorOptions } from "../../src/emulator/emulator-types.js";
import { startEmulator } from "../../src/emulator/server.js";

export interface TestEmulator extends EmulatorHandle {
  /** `JOBSYNC_BASE_URL` of this emulator, test credentials and `NO_COLOR`; `overrides` win. */
  env(overrides?: Readonly<Record<string, string>>): Record<string, string>;
}

export interface TestEmulatorLifetime {
  /** "test" (default): closed after the current test; "file": after the file's last test. */
  readonly until?: "test" | "file";
}

const openUntilTest = new Set<EmulatorHandle>();
const openUntilFile = new Set<EmulatorHandle>();

async function closeAll(open: Set<EmulatorHandle>): Promise<void> {
  const handles = [...open];
  open.clear();
  await Promise.all(handles.map((handle) => handle.close()));
}

afterEach(() => closeAll(openUntilTest));
afterAll(() => closeAll(openUntilFile));

export async function startTestEmulator(
  options: EmulatorOptions = {},
  lifetime: TestEmulatorLifetime = {},
): Promise<TestEmulator> {
  const handle = await startEmulator({ port: 0, ...options });
  (lifetime.until === "file" ? openUntilFile : openUntilTest).add(handle);
  return Object.assign(handle, {
    env: (overrides: Readonly<Record<string, string>> = {}) => ({
      JOBSYNC_BASE_URL: handle.url,
      WORKIVA_CLIENT_ID: "test-client",
      WORKIVA_CLIENT_SECRET: "test-secret",
      NO_COLOR: "1",
      ...overrides,
    }),
  });
}
