import {
  BAD_QUERY_STATUS,
  FINISHED_STATUSES,
  RUN_ALREADY_ACTIVE_STATUS,
  STARTED_STATUS,
  UNKNOWN_ROUTE_STATUS,
  WRONG_METHOD_STATUS,
} from "./assumptions.js";
import { addNodes, createRun } from "./build-tree.js";
import type { ResponseShapes } from "./emulator-types.js";
import { type EmuResponse, HttpProblem } from "./http-response.js";
import { listProcesses } from "./list-processes.js";
import { choosePlacement, insertJobRuns } from "./placement.js";
import type { CreatedJobRuns } from "./response-types.js";
import { serializeJobRun, serializeProcess, serializeRun } from "./serialize.js";
import { startEligible } from "./status.js";
import type { EmulatorStore } from "./store.js";
import { validateJobItems } from "./validate-job-items.js";

/**
 * The Processes API endpoints the emulator serves (§8), after auth and rate limiting. The statuses
 * the docs leave open are in assumptions.ts.
 */

export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Parses the JSON body (undefined when empty); throws HttpProblem(400) when malformed. */
  json(): unknown;
  /** e.g. `http://127.0.0.1:8080`, from the request's Host. */
  readonly baseUrl: string;
}

export interface RouteContext {
  readonly store: EmulatorStore;
  readonly allowGroupAssignees: boolean;
  readonly shapes: ResponseShapes;
}

export interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly scope: "file:read" | "file:write";
  readonly handle: (ctx: RouteContext, req: ApiRequest, params: readonly string[]) => EmuResponse;
}

export const ROUTES: readonly Route[] = [
  {
    method: "GET",
    pattern: /^\/processes$/,
    scope: "file:read",
    handle: (ctx, req) => ({ status: 200, body: listProcesses(ctx.store, req.query, req.baseUrl) }),
  },
  {
    method: "GET",
    pattern: /^\/processes\/([^/]+)$/,
    scope: "file:read",
    handle: (ctx, _req, [id]) => {
      const process = findProcess(ctx.store, id!);
      const run = process.currentRunId !== undefined ? ctx.store.runs.get(process.currentRunId) : undefined;
      return { status: 200, body: serializeProcess(process, run, ctx.shapes.processEmbedsRun ?? true) };
    },
  },
  { method: "POST", pattern: /^\/processes\/([^/]+)\/run$/, scope: "file:write", handle: runProcess },
  {
    method: "GET",
    pattern: /^\/processRuns\/([^/]+)$/,
    scope: "file:read",
    handle: (ctx, req, [id]) => {
      const excludeGeneratedJobs = parseBoolean(req.query.excludeGeneratedJobs, "excludeGeneratedJobs");
      const run = findRun(ctx.store, id!);
      return { status: 200, body: serializeRun(run, { excludeGeneratedJobs, shapes: ctx.shapes }) };
    },
  },
  {
    method: "POST",
    pattern: /^\/processRuns\/([^/]+)\/jobRuns$/,
    scope: "file:write",
    handle: createJobRuns,
  },
];

/** The route for a method and path, or an HttpProblem (404 unknown path, 405 wrong method). */
export function matchRoute(method: string, path: string): { route: Route; params: string[] } {
  let pathKnown = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathKnown = true;
    if (route.method === method) return { route, params: match.slice(1).map(decodeSegment) };
  }
  if (pathKnown) throw new HttpProblem(WRONG_METHOD_STATUS, `${method} is not supported on ${path}.`);
  throw new HttpProblem(UNKNOWN_ROUTE_STATUS, `No such endpoint: ${method} ${path}.`);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpProblem(400, `Malformed percent-encoding in the path: ${segment}`);
  }
}

function findProcess(store: EmulatorStore, id: string) {
  const process = store.processes.get(id);
  if (!process) throw new HttpProblem(404, `Could not find process id ${id}`);
  return process;
}

function findRun(store: EmulatorStore, id: string) {
  const run = store.runs.get(id);
  if (!run) throw new HttpProblem(404, `Could not find process run id ${id}`);
  return run;
}

function parseBoolean(value: string | undefined, name: string): boolean {
  if (value === undefined || value === "") return false;
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  throw new HttpProblem(BAD_QUERY_STATUS, `${name} must be true or false, got "${value}".`, { target: name });
}

/** `POST /processes/{id}/run`: a new current run copied from the template (409 while one runs). */
function runProcess(ctx: RouteContext, req: ApiRequest, [id]: readonly string[]): EmuResponse {
  const { store } = ctx;
  const process = findProcess(store, id!);
  const body = req.json();
  if (body !== undefined) {
    const ok =
      typeof body === "object" &&
      body !== null &&
      !Array.isArray(body) &&
      ["undefined", "boolean"].includes(typeof (body as Record<string, unknown>).sendProcessCompleteEmail);
    if (!ok)
      throw new HttpProblem(400, "The body must be { sendProcessCompleteEmail?: boolean }.", {
        target: "body",
      });
  }
  const current = process.currentRunId !== undefined ? store.runs.get(process.currentRunId) : undefined;
  if (current && !FINISHED_STATUSES.has(current.status)) {
    throw new HttpProblem(
      RUN_ALREADY_ACTIVE_STATUS,
      `Process ${process.id} already has an active process run ${current.id} (${current.status}).`,
    );
  }
  const at = store.now();
  const run = createRun(store, {
    id: store.newId("pr"),
    processId: process.id,
    name: process.name,
    status: STARTED_STATUS,
    created: at,
    parallel: process.template?.parallel ?? false,
  });
  addNodes(store, run, run.root, process.template?.children ?? [], { fresh: true });
  startEligible(run.root);
  store.runs.set(run.id, run);
  process.currentRunId = run.id;
  process.modified = at;
  return { status: 201, body: serializeRun(run) };
}

/** `POST /processRuns/{id}/jobRuns` (§8.9, §9): validate everything, then insert. */
function createJobRuns(ctx: RouteContext, req: ApiRequest, [id]: readonly string[]): EmuResponse {
  const run = findRun(ctx.store, id!);
  const body = req.json();
  const placement = choosePlacement(run, {
    parentGroupId: req.query.parentGroupId,
    relativeSiblingId: req.query.relativeSiblingId,
    before: req.query.before,
  });
  const items = validateJobItems(body, { allowGroupAssignees: ctx.allowGroupAssignees });
  const created: CreatedJobRuns = insertJobRuns(ctx.store, run, placement, items).map(serializeJobRun);
  return { status: 201, body: created };
}
