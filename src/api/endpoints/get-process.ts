/** `GET /processes/{id}`: one process as a `ProcessSummary`. */

import { parseOrThrow, processSchema } from "../api-schema.js";
import { type ApiTransport, seg } from "../api-transport.js";
import type { ProcessSummary } from "../api-types.js";
import { toSummary } from "./process-summary.js";

export async function getProcess(t: ApiTransport, processId: string): Promise<ProcessSummary> {
  const res = await t.call(
    { method: "GET", url: `${t.base}/processes/${seg(processId)}`, idempotent: true },
    `process ${processId}`,
  );
  return t.read(res, "GET", (body) => toSummary(parseOrThrow(processSchema, body, "Process")));
}
