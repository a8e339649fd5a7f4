/**
 * `GET /processes`: every process (optionally whose name contains a text), following
 * `@nextLink` pages on the configured origin only, each link once.
 */

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
      // Keep the configured origin: the bearer token never follows a link to another host.
      const parsed = new URL(link, `${t.base}/`);
      const url = new URL(`${parsed.pathname}${parsed.search}`, new URL(t.base).origin).href;
      if (!seen.has(url)) {
        seen.add(url);
        next = { url };
      }
    }
  }
  return all;
}
