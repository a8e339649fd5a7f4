import { DEFAULT_PROCESS_ORDER, FILTER_CASE_INSENSITIVE, MAX_PAGE_SIZE } from "./assumptions.js";
import { HttpProblem } from "./http-response.js";
import type { ProcessListPage } from "./response-types.js";
import { serializeProcessSummary } from "./serialize.js";
import type { EmulatorStore, ProcessRecord } from "./store.js";

/**
 * `GET /processes` (§6, §8.1): `$filter=name contains '…'` (case-insensitive, `''` escapes a quote),
 * `$orderBy` (`name`, `dueDate`, `run.created.dateTime`, each `asc|desc`; default
 * `run.created.dateTime desc`, missing values last), `$maxpagesize` 1–1000 (default 1000), and an
 * opaque base64url `$next` cursor; `@nextLink` is present only when more results follow. The
 * unconfirmed parts are in assumptions.ts.
 */

interface Cursor {
  readonly offset: number;
  readonly pageSize: number;
  readonly filter: string | null;
  readonly orderBy: string;
}

/** Answers one page; `baseUrl` (e.g. `http://127.0.0.1:8080`) builds `@nextLink`. */
export function listProcesses(
  store: EmulatorStore,
  query: Readonly<Record<string, string>>,
  baseUrl: string,
): ProcessListPage {
  const cursor = query.$next !== undefined ? decodeCursor(query.$next) : undefined;
  const pageSize =
    query.$maxpagesize !== undefined
      ? parsePageSize(query.$maxpagesize)
      : (cursor?.pageSize ?? MAX_PAGE_SIZE);
  const filter = cursor ? cursor.filter : query.$filter !== undefined ? parseFilter(query.$filter) : null;
  const orderBy = cursor ? cursor.orderBy : (query.$orderBy ?? DEFAULT_PROCESS_ORDER);
  const offset = cursor?.offset ?? 0;

  const fold = (text: string) => (FILTER_CASE_INSENSITIVE ? text.toLowerCase() : text);
  const matching = [...store.processes.values()].filter(
    (p) => filter === null || fold(p.name).includes(fold(filter)),
  );
  matching.sort(comparator(store, orderBy));
  const page = matching.slice(offset, offset + pageSize);
  const data = page.map((p) => serializeProcessSummary(p, currentRun(store, p)));
  if (offset + pageSize >= matching.length) return { data };
  const next = encodeCursor({ offset: offset + pageSize, pageSize, filter, orderBy });
  return { data, "@nextLink": `${baseUrl}/processes?$next=${next}` };
}

function currentRun(store: EmulatorStore, process: ProcessRecord) {
  return process.currentRunId !== undefined ? store.runs.get(process.currentRunId) : undefined;
}

function parsePageSize(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > MAX_PAGE_SIZE) {
    throw new HttpProblem(400, `$maxpagesize must be an integer from 1 to ${MAX_PAGE_SIZE}, got "${text}".`, {
      target: "$maxpagesize",
    });
  }
  return n;
}

/** The text of `name contains '<text>'`; throws HttpProblem(400) for anything else. */
export function parseFilter(text: string): string {
  const match = /^\s*name\s+contains\s+'((?:[^']|'')*)'\s*$/i.exec(text);
  if (!match) {
    throw new HttpProblem(400, `Unsupported $filter "${text}": only name contains '<text>' is supported.`, {
      target: "$filter",
    });
  }
  return match[1]!.replace(/''/g, "'");
}

type Compare = (a: ProcessRecord, b: ProcessRecord) => number;

function comparator(store: EmulatorStore, orderBy: string): Compare {
  const match = /^\s*(name|dueDate|run\.created\.dateTime)(?:\s+(asc|desc))?\s*$/i.exec(orderBy);
  if (!match) {
    throw new HttpProblem(
      400,
      `Unsupported $orderBy "${orderBy}": use name, dueDate or run.created.dateTime, optionally followed by asc or desc.`,
      { target: "$orderBy" },
    );
  }
  const field = match[1]!.toLowerCase();
  const sign = match[2]?.toLowerCase() === "desc" ? -1 : 1;
  const key = (p: ProcessRecord): string | number | undefined =>
    field === "name" ? p.name.toLowerCase() : field === "duedate" ? p.dueDate : currentRun(store, p)?.created;
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === undefined || kb === undefined) return ka === kb ? 0 : ka === undefined ? 1 : -1;
    return ka < kb ? -sign : ka > kb ? sign : 0;
  };
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

function decodeCursor(text: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Cursor;
    if (
      Number.isInteger(value.offset) &&
      value.offset >= 0 &&
      Number.isInteger(value.pageSize) &&
      value.pageSize >= 1 &&
      (value.filter === null || typeof value.filter === "string") &&
      typeof value.orderBy === "string"
    ) {
      return value;
    }
  } catch {
    // fall through
  }
  throw new HttpProblem(400, "Invalid $next cursor: follow @nextLink exactly as returned.", {
    target: "$next",
  });
}
