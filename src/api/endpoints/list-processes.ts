/**
 * `GET /processes`: every process (optionally whose name contains a text), following
 * `@nextLink` pages, each link once; a link to another origin than api.baseUrl's is refused.
 */

import { ApiError } from "../../diagnostics/errors.js";
import { parseOrThrow, processPageSchema, processSchema } from "../api-schema.js";
import type { ApiTransport } from "../api-transport.js";
import type { ProcessSummary } from "../api-types.js";
import { toSummary } from "./process-summary.js";

/** Largest page the API allows. */
const MAX_PAGE_SIZE = 1000;
/** Guard against a server that keeps handing out next links. */
const MAX_PAGES = 10_000;

export async function listProcesses(
  t: ApiTransport,
  filter?: { readonly nameContains?: string },
): Promise<ProcessSummary[]> {
  const query: Record<string, string> = { $maxpagesize: String(MAX_PAGE_SIZE) };
  if (filter?.nameContains) query.$filter = `name contains '${filter.nameContains.replace(/'/g, "''")}'`;
  const all: ProcessSummary[] = [];
  const seen = new Set<string>();
  let next: { url: string; query?: Record<string, string> } | undefined = {
    url: `${t.base}/processes`,
    query,
  };
  for (let page = 0; next && page < MAX_PAGES; page++) {
    const res = await t.call({ method: "GET", ...next, idempotent: true });
    const body = t.read(res, "GET", (b) => parseOrThrow(processPageSchema, b, "process list page"));
    for (const item of body.data) {
      all.push(t.read(res, "GET", () => toSummary(parseOrThrow(processSchema, item, "process in the list"))));
    }
    const link = body["@nextLink"];
    next = undefined;
    if (link) {
      // The bearer token never follows a link to another origin (scheme, host and port).
      const url = new URL(link, `${t.base}/`).href;
      if (new URL(url).origin !== new URL(t.base).origin) throw foreignLink(new URL(url), res.path);
      if (!seen.has(url)) {
        seen.add(url);
        next = { url };
      }
    }
  }
  return all;
}

function foreignLink(url: URL, path: string): ApiError {
  return new ApiError(`the API's @nextLink leads to another origin (${url.origin})`, {
    method: "GET",
    path,
    outcome: "rejected",
    hint: "jobsync sends the token only to the origin of api.baseUrl; check api.baseUrl (or JOBSYNC_BASE_URL).",
  });
}
