import { randomBytes } from "node:crypto";
import { BAD_CREDENTIALS, DEFAULT_SCOPE } from "./assumptions.js";
import type { EmulatorSeed } from "./emulator-types.js";
import { type EmuResponse, HttpProblem } from "./http-response.js";

/**
 * OAuth2 client credentials (§2): the token endpoints and bearer-token checks. Tokens are random
 * opaque strings that expire after `ttlSeconds` on the injected clock. Without seed `clients`
 * any non-empty id/secret gets a token; with them only those pairs do (and their `scope`).
 */

export { DEFAULT_SCOPE };

export interface TokenInfo {
  readonly token: string;
  readonly clientId: string;
  readonly scopes: ReadonlySet<string>;
  readonly expiresAt: number;
}

export interface TokenRequest {
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly rawBody: string;
}

const iamError = (status: number, error: string, description: string): EmuResponse => ({
  status,
  headers: { "Cache-Control": "no-store" },
  body: { error, error_description: description },
});

export class TokenIssuer {
  private readonly tokens = new Map<string, TokenInfo>();

  constructor(
    private readonly clients: EmulatorSeed["clients"],
    private readonly now: () => number,
    private readonly ttlSeconds: number,
  ) {}

  /** Answers `POST /oauth2/token` (and the legacy `/iam/v1/oauth2/token`). */
  issue(request: TokenRequest): EmuResponse {
    const fields = parseFields(request.contentType, request.rawBody);
    if (!fields) return iamError(400, "invalid_request", "The request body could not be parsed.");
    if (fields.grant_type !== "client_credentials") {
      return iamError(400, "invalid_request", 'grant_type must be "client_credentials".');
    }
    const basic = parseBasic(request.authorization);
    if (basic === null)
      return iamError(BAD_CREDENTIALS.status, BAD_CREDENTIALS.error, "Malformed Basic authorization header.");
    const clientId = basic?.id ?? fields.client_id ?? "";
    const clientSecret = basic?.secret ?? fields.client_secret ?? "";
    if (clientId === "" || clientSecret === "") {
      return iamError(
        401,
        "unauthorized_client",
        "Client credentials are missing (use Basic auth or client_id/client_secret).",
      );
    }
    let allowed = DEFAULT_SCOPE;
    if (this.clients) {
      // RFC 6749 form-encodes id and secret inside Basic; many clients do not: accept both.
      const same = (given: string, expected: string) => given === expected || formDecode(given) === expected;
      const client = this.clients.find(
        (c) => same(clientId, c.clientId) && same(clientSecret, c.clientSecret),
      );
      if (!client) return iamError(BAD_CREDENTIALS.status, BAD_CREDENTIALS.error, "Bad client credentials.");
      allowed = client.scope ?? DEFAULT_SCOPE;
    }
    const allowedSet = new Set(words(allowed));
    const requested = words(fields.scope ?? "");
    const granted = requested.length > 0 ? requested.filter((s) => allowedSet.has(s)) : [...allowedSet];
    if (requested.length > 0 && granted.length === 0) {
      return iamError(400, "invalid_scope", "None of the requested scopes can be granted.");
    }
    const token = randomBytes(24).toString("base64url");
    const info: TokenInfo = {
      token,
      clientId,
      scopes: new Set(granted),
      expiresAt: this.now() + this.ttlSeconds * 1000,
    };
    this.tokens.set(token, info);
    return {
      status: 200,
      headers: { "Cache-Control": "no-store" },
      body: {
        access_token: token,
        expires_in: this.ttlSeconds,
        scope: granted.join(" "),
        token_type: "Bearer",
      },
    };
  }

  /** The token's info for an `Authorization: Bearer …` header; throws HttpProblem(401). */
  verify(authorization: string | undefined): TokenInfo {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    const unauthorized = (message: string) =>
      new HttpProblem(401, message, { headers: { "WWW-Authenticate": 'Bearer realm="workiva"' } });
    if (!match) throw unauthorized("Missing bearer token: send Authorization: Bearer <access_token>.");
    const info = this.tokens.get(match[1]!);
    if (!info) throw unauthorized("The access token is invalid or has expired.");
    if (this.now() >= info.expiresAt) {
      this.tokens.delete(info.token);
      throw unauthorized("The access token is invalid or has expired.");
    }
    return info;
  }

  /** Throws HttpProblem(403) when the token lacks `scope`. */
  requireScope(info: TokenInfo, scope: string): void {
    if (!info.scopes.has(scope)) {
      throw new HttpProblem(403, `The access token lacks the ${scope} scope this endpoint needs.`);
    }
  }

  /** Invalidates every issued token. */
  expireAll(): void {
    this.tokens.clear();
  }
}

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== "");
}

/** Form (default) or JSON body fields as strings; undefined when unparseable. */
function parseFields(contentType: string | undefined, raw: string): Record<string, string> | undefined {
  if (/json/i.test(contentType ?? "")) {
    try {
      const value: unknown = raw.trim() === "" ? {} : JSON.parse(raw);
      if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
      return Object.fromEntries(
        Object.entries(value).filter(([, v]) => typeof v === "string") as [string, string][],
      );
    } catch {
      return undefined;
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

/** `{ id, secret }` from a Basic header; undefined when absent; null when malformed. */
function parseBasic(header: string | undefined): { id: string; secret: string } | undefined | null {
  if (!header) return undefined;
  const match = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (!match) return /^Basic\b/i.test(header) ? null : undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
