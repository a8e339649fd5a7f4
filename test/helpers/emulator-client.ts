import { type ClientOptions, createProcessesClient, type ProcessesClient } from "../../src/api/client.js";
import { CONFIG_DEFAULTS } from "../../src/config/resolve-config.js";

/**
 * A client for the API at `url` (the emulator, usually): the token endpoint beside it, the preview
 * version, test credentials and a generous budget; `overrides` win.
 */
export function emulatorClient(url: string, overrides: Partial<ClientOptions> = {}): ProcessesClient {
  return createProcessesClient({
    baseUrl: url,
    tokenUrl: `${url}/oauth2/token`,
    version: CONFIG_DEFAULTS.version,
    timeoutMs: 5000,
    credentials: { type: "clientCredentials", clientId: "test-client", clientSecret: "test-secret" },
    rateLimit: { requests: 1000, perSeconds: 60 },
    ...overrides,
  });
}
