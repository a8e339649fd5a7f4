/** `GET /processRuns/{id}`: one process run as a `LiveRun`. */

import { type ApiTransport, seg } from "../api-transport.js";
import type { LiveRun } from "../live-types.js";
import { parseProcessRun } from "../parse-run.js";

export async function getProcessRun(t: ApiTransport, runId: string): Promise<LiveRun> {
  const res = await t.call(
    { method: "GET", url: `${t.base}/processRuns/${seg(runId)}`, idempotent: true },
    `process run ${runId}`,
  );
  return t.read(res, "GET", parseProcessRun);
}
