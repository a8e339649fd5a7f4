import { BAD_VERSION_STATUS, TOKEN_PATHS } from "./assumptions.js";
import type { TokenIssuer } from "./auth.js";
import { type EmuResponse, errorResponse, HttpProblem } from "./http-response.js";
import type { SlidingWindowLimiter } from "./rate-limit.js";
import { type ApiRequest, matchRoute, type RouteContext } from "./routes.js";

/**
 * One request, from its parts to a response, synchronously (no IO): token endpoints first, then
 * for every API endpoint, in order: `X-Version` (400), bearer token (401), rate limit (429),
 * route (404/405), scope (403), the endpoint itself. The order and the statuses the docs leave
 * open are in assumptions.ts.
 */

export const API_VERSION = "2026-04-01.processes.preview";

export interface PipelineContext extends RouteContext {
  readonly tokens: TokenIssuer;
  readonly limiter: SlidingWindowLimiter | undefined;
}

export interface IncomingParts {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: string;
  readonly baseUrl: string;
}

export function handleRequest(ctx: PipelineContext, req: IncomingParts): EmuResponse {
  try {
    if (TOKEN_PATHS.has(req.path)) {
      if (req.method !== "POST") throw new HttpProblem(405, `${req.method} is not supported on ${req.path}.`);
      return ctx.tokens.issue({
        authorization: req.headers.authorization,
        contentType: req.headers["content-type"],
        rawBody: req.rawBody,
      });
    }
    const version = req.headers["x-version"];
    if (version !== API_VERSION) {
      throw new HttpProblem(
        BAD_VERSION_STATUS,
        version === undefined
          ? `Missing X-Version header: send X-Version: ${API_VERSION}.`
          : `Unsupported X-Version "${version}": send X-Version: ${API_VERSION}.`,
        { target: "X-Version" },
      );
    }
    const token = ctx.tokens.verify(req.headers.authorization);
    ctx.limiter?.take(token.token);
    const { route, params } = matchRoute(req.method, req.path);
    ctx.tokens.requireScope(token, route.scope);
    const apiRequest: ApiRequest = {
      method: req.method,
      path: req.path,
      query: req.query,
      baseUrl: req.baseUrl,
      json: () => parseJson(req.rawBody),
    };
    return route.handle(ctx, apiRequest, params);
  } catch (error) {
    if (error instanceof HttpProblem) return error.toResponse();
    return errorResponse(500, `unknown error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The body as JSON; undefined when empty; HttpProblem(400) when malformed. */
export function parseJson(raw: string): unknown {
  if (raw.trim() === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new HttpProblem(400, `Malformed JSON body: ${(error as Error).message}`, { target: "body" });
  }
}
