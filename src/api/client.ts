/**
 * The Processes API client: one transport (`api-transport.ts`: one Agent, one rate limiter, one
 * token source) shared by the endpoint modules in `endpoints/`, composed into `ProcessesClient`.
 */

import { type ApiTransport, type ClientOptions, openApiTransport } from "./api-transport.js";
import type { ProcessesApi } from "./api-types.js";
import { createJobRuns } from "./endpoints/create-job-runs.js";
import { getProcess } from "./endpoints/get-process.js";
import { getProcessRun } from "./endpoints/get-process-run.js";
import { listProcesses } from "./endpoints/list-processes.js";

export type { ClientOptions } from "./api-transport.js";
export type { ClientEvent, WaitingEvent } from "./waiting.js";

export interface ProcessesClient extends ProcessesApi {
  /** The rate budgets in force (configured and learned): `limit` requests per `ms`. */
  rateBudgets(): readonly { readonly limit: number; readonly ms: number }[];
  /** Closes the connection pool. */
  close(): Promise<void>;
}

export function createProcessesClient(options: ClientOptions): ProcessesClient {
  const t: ApiTransport = openApiTransport(options);
  return {
    getProcessRun: (runId) => getProcessRun(t, runId),
    getProcess: (processId) => getProcess(t, processId),
    listProcesses: (filter) => listProcesses(t, filter),
    createJobRuns: (runId, position, items) => createJobRuns(t, runId, position, items),
    rateBudgets: () => t.budgets(),
    close: () => t.close(),
  };
}
