/**
 * Bearer tokens: the OAuth client-credentials grant with a cache, refresh ~60 s before expiry,
 * single-flight (concurrent callers share one token request) and `invalidate()` for the 401 path;
 * or a static `JOBSYNC_TOKEN`; or no credentials (an error on first use). Never logs secrets.
 */

import { z } from "zod";
import type { Credentials } from "../config/config-types.js";
import { ApiError } from "../diagnostics/errors.js";
import { httpError } from "./http-errors.js";

/** Sends the token request (form body, already-built headers) through the transport. */
export type TokenFetch = (
  request: { readonly headers: Readonly<Record<string, string>>; readonly body: string },
  signal?: AbortSignal,
) => Promise<{ readonly status: number; readonly body: unknown }>;

export interface TokenSource {
  /** `oauth` refreshes and can re-authenticate after a 401; `static` cannot. */
  readonly kind: "oauth" | "static" | "none";
  getToken(signal?: AbortSignal): Promise<string>;
  /** Drops `token` from the cache (after a 401) so the next getToken fetches a new one. */
  invalidate(token: string): void;
  /** What the last token response said besides the token (`oauth` only; for `jobsync doctor`). */
  lastGrant?(): TokenGrant | undefined;
}

/** The non-secret fields of a token response, as the server sent them. */
export interface TokenGrant {
  readonly expiresInSeconds?: number;
  readonly scope?: string;
  readonly tokenType?: string;
}

export interface TokenProviderOptions {
  readonly fetchToken: TokenFetch;
  /** Path of the token URL, for error details. */
  readonly tokenPath: string;
  readonly now: () => number;
}

/** Refresh this long before the token expires. */
export const REFRESH_MARGIN_MS = 60_000;
/** When the server does not say. */
const DEFAULT_TTL_SECONDS = 599;

const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().optional(),
  token_type: z.string().optional(),
  scope: z.string().optional().catch(undefined),
});

export const NO_CREDENTIALS_MESSAGE =
  "No credentials: set WORKIVA_CLIENT_ID and WORKIVA_CLIENT_SECRET, or JOBSYNC_TOKEN";

export function createTokenProvider(credentials: Credentials, options: TokenProviderOptions): TokenSource {
  switch (credentials.type) {
    case "token":
      return { kind: "static", getToken: async () => credentials.token, invalidate: () => {} };
    case "none":
      return {
        kind: "none",
        getToken: async () => {
          throw new ApiError(NO_CREDENTIALS_MESSAGE, {
            method: "POST",
            path: options.tokenPath,
            outcome: "not-sent",
            hint: "Credentials are read from the environment only, never from files.",
          });
        },
        invalidate: () => {},
      };
    case "clientCredentials":
      return new ClientCredentialsTokens(credentials.clientId, credentials.clientSecret, options);
  }
}

class ClientCredentialsTokens implements TokenSource {
  readonly kind = "oauth" as const;
  private cached?: { readonly token: string; readonly refreshAt: number };
  private grant?: TokenGrant;
  private pending?: Promise<string>;
  private readonly basic: string;

  constructor(
    clientId: string,
    clientSecret: string,
    private readonly options: TokenProviderOptions,
  ) {
    this.basic = Buffer.from(`${clientId}:${clientSecret}`, "utf8").toString("base64");
  }

  getToken(signal?: AbortSignal): Promise<string> {
    if (this.cached && this.options.now() < this.cached.refreshAt) return Promise.resolve(this.cached.token);
    if (!this.pending) {
      this.pending = this.fetch(signal).finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  lastGrant(): TokenGrant | undefined {
    return this.grant;
  }

  private async fetch(signal?: AbortSignal): Promise<string> {
    const sentAt = this.options.now();
    const response = await this.options.fetchToken(
      {
        headers: {
          authorization: `Basic ${this.basic}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "grant_type=client_credentials",
      },
      signal,
    );
    const ctx = { method: "POST", path: this.options.tokenPath };
    if (response.status < 200 || response.status >= 300) {
      throw httpError(response.status, response.body, {
        ...ctx,
        idempotent: true,
        token: true,
        resource: "token endpoint",
      });
    }
    const parsed = tokenResponseSchema.safeParse(response.body);
    if (!parsed.success) {
      throw new ApiError("the token endpoint answered without an access_token", {
        status: response.status,
        ...ctx,
        outcome: "rejected",
        hint: "Check api.tokenUrl.",
      });
    }
    const ttlMs = (parsed.data.expires_in ?? DEFAULT_TTL_SECONDS) * 1000;
    // Short-lived tokens: refresh at half-life rather than never using them.
    const margin = Math.min(REFRESH_MARGIN_MS, ttlMs / 2);
    this.cached = { token: parsed.data.access_token, refreshAt: sentAt + ttlMs - margin };
    const { expires_in, scope, token_type } = parsed.data;
    this.grant = {
      ...(expires_in !== undefined ? { expiresInSeconds: expires_in } : {}),
      ...(scope !== undefined ? { scope } : {}),
      ...(token_type !== undefined ? { tokenType: token_type } : {}),
    };
    return parsed.data.access_token;
  }
}
