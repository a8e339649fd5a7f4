/** `POST /processRuns/{id}/jobRuns`: inserts job runs at a position; never blindly repeated. */

import { createdJobRunsSchema, parseOrThrow } from "../api-schema.js";
import { type ApiTransport, seg } from "../api-transport.js";
import type { CreatedJobRun, InsertPosition, JobRunCreateItem } from "../api-types.js";

export async function createJobRuns(
  t: ApiTransport,
  runId: string,
  position: InsertPosition,
  items: readonly JobRunCreateItem[],
): Promise<CreatedJobRun[]> {
  const query: Record<string, string> = {};
  if (position.relativeSiblingId !== null) query.relativeSiblingId = position.relativeSiblingId;
  if (position.parentGroupId !== null) query.parentGroupId = position.parentGroupId;
  if (position.before !== null) query.before = position.before ? "true" : "false";
  const res = await t.call(
    {
      method: "POST",
      url: `${t.base}/processRuns/${seg(runId)}/jobRuns`,
      query,
      body: JSON.stringify(items),
      idempotent: false,
    },
    `process run ${runId} (or its group or sibling)`,
  );
  return t.read(res, "POST", (body) =>
    parseOrThrow(createdJobRunsSchema, body, "created job runs").map((j) => ({
      id: j.id,
      ...(j.ordinal !== null && j.ordinal !== undefined ? { ordinal: j.ordinal } : {}),
      ...(j.parent !== undefined ? { parent: j.parent } : {}),
    })),
  );
}
