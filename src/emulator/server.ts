import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  BODY_TOO_LARGE_STATUS,
  GROUP_ASSIGNEES_BY_DEFAULT,
  MAX_BODY_BYTES,
  TOKEN_PATHS,
  TOKEN_TTL_SECONDS,
} from "./assumptions.js";
import { TokenIssuer } from "./auth.js";
import { DEMO_SEED } from "./demo-seed.js";
import type { EmulatorHandle, EmulatorOptions, FaultSpec, RecordedRequest } from "./emulator-types.js";
import { FaultInjector, withFault } from "./faults.js";
import { handleRequest, type IncomingParts, type PipelineContext, parseJson } from "./handle-request.js";
import { type EmuResponse, errorResponse } from "./http-response.js";
import { DEFAULT_RATE_LIMIT, SlidingWindowLimiter } from "./rate-limit.js";
import { buildStore, parseSeed } from "./seed.js";
import { serializeRun } from "./serialize.js";

/**
 * Starts the emulator (node:http) and resolves once it listens. Port 0 (the default) picks a free
 * port; `handle.url` has the real one. Throws UserError for an invalid seed.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const now = options.now ?? Date.now;
  const seed = parseSeed(options.seed ?? DEMO_SEED);
  const store = buildStore(seed, now);
  const ctx: PipelineContext = {
    store,
    allowGroupAssignees: options.allowGroupAssignees ?? GROUP_ASSIGNEES_BY_DEFAULT,
    shapes: options.shapes ?? {},
    tokens: new TokenIssuer(seed.clients, now, options.tokenTtlSeconds ?? TOKEN_TTL_SECONDS),
    limiter:
      options.rateLimit === false
        ? undefined
        : new SlidingWindowLimiter({ ...DEFAULT_RATE_LIMIT, ...options.rateLimit }, now),
  };
  const faults = new FaultInjector();
  const requests: RecordedRequest[] = [];
  const host = options.host ?? "127.0.0.1";
  let url = "";
  let closing: Promise<void> | undefined;

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, errorResponse(500, `unknown error: ${String(error)}`));
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = (req.method ?? "GET").toUpperCase();
    const parsed = new URL(req.url ?? "/", "http://emulator.invalid");
    const path = parsed.pathname;
    const query = Object.fromEntries(parsed.searchParams);
    const finish = (status: number, rawBody: string) => {
      const entry: RecordedRequest = { method, path, query, status, ...recordedBody(path, rawBody) };
      requests.push(entry);
      options.onRequest?.({ ...entry, ms: Math.round(performance.now() - started) });
    };

    const rawBody = await readBody(req);
    if (rawBody === undefined) {
      send(
        res,
        errorResponse(BODY_TOO_LARGE_STATUS, `The request body exceeds ${MAX_BODY_BYTES} bytes.`),
        true,
      );
      finish(BODY_TOO_LARGE_STATUS, "");
      return;
    }
    const decision = faults.decide(method, path);
    if (decision.holdMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.holdMs));
    const parts: IncomingParts = {
      method,
      path,
      query,
      headers: flatHeaders(req),
      rawBody,
      baseUrl: req.headers.host ? `http://${req.headers.host}` : url,
    };
    const outcome = withFault(decision.effect, () => handleRequest(ctx, parts));
    if (outcome === "reset") {
      finish(0, rawBody);
      req.socket.destroy();
      return;
    }
    const response = outcome;
    const delay = (options.latencyMs ?? 0) + decision.latencyMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    send(res, response);
    finish(response.status, rawBody);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  url = `http://${urlHost}:${port}`;

  return {
    url,
    port,
    requests,
    injectFault: (fault: FaultSpec) => faults.add(fault),
    snapshotRun: (runId: string) => {
      const run = store.runs.get(runId);
      return run ? structuredClone(serializeRun(run)) : undefined;
    },
    expireTokens: () => ctx.tokens.expireAll(),
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The body as text; undefined when over the limit. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function flatHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers))
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}

/** Token request bodies carry secrets: never recorded. Others: parsed JSON when it parses. */
function recordedBody(path: string, rawBody: string): { body?: unknown } {
  if (TOKEN_PATHS.has(path) || rawBody.trim() === "") return {};
  try {
    return { body: parseJson(rawBody) };
  } catch {
    return { body: rawBody };
  }
}

function send(res: ServerResponse, response: EmuResponse, close = false): void {
  const text = response.body === undefined ? "" : JSON.stringify(response.body);
  res.writeHead(response.status, {
    ...(text ? { "Content-Type": "application/json; charset=utf-8" } : {}),
    "Content-Length": Buffer.byteLength(text),
    ...(close ? { Connection: "close" } : {}),
    ...response.headers,
  });
  res.end(text);
}
