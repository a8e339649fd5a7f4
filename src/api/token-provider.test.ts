import { describe, expect, it } from "vitest";
import { ApiError } from "../diagnostics/errors.js";
import { createTokenProvider, NO_CREDENTIALS_MESSAGE, type TokenFetch } from "./token-provider.js";

const SECRET = "s3cr3t-value";

function tokenServer(answer: (n: number) => { status: number; body: unknown }) {
  const calls: { headers: Readonly<Record<string, string>>; body: string }[] = [];
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const fetchToken: TokenFetch = async (req) => {
    calls.push(req);
    if (gate) await gate;
    return answer(calls.length);
  };
  return {
    calls,
    fetchToken,
    hold: () => {
      gate = new Promise((r) => {
        release = r;
      });
    },
    open: () => {
      gate = undefined;
      release?.();
    },
  };
}

const creds = { type: "clientCredentials", clientId: "client-1", clientSecret: SECRET } as const;

describe("token provider", () => {
  it("sends Basic auth and grant_type, caches, and refreshes 60 s before expiry", async () => {
    let t = 0;
    const server = tokenServer((n) => ({ status: 200, body: { access_token: `tok-${n}`, expires_in: 600 } }));
    const tokens = createTokenProvider(creds, {
      fetchToken: server.fetchToken,
      tokenPath: "/oauth2/token",
      now: () => t,
    });
    expect(await tokens.getToken()).toBe("tok-1");
    expect(server.calls[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from(`client-1:${SECRET}`).toString("base64")}`,
    );
    expect(server.calls[0]?.body).toBe("grant_type=client_credentials");
    t = 539_000;
    expect(await tokens.getToken()).toBe("tok-1");
    t = 540_000;
    expect(await tokens.getToken()).toBe("tok-2");
    expect(server.calls).toHaveLength(2);
  });

  it("shares one token request between concurrent callers", async () => {
    const server = tokenServer((n) => ({ status: 200, body: { access_token: `tok-${n}`, expires_in: 599 } }));
    const tokens = createTokenProvider(creds, {
      fetchToken: server.fetchToken,
      tokenPath: "/t",
      now: () => 0,
    });
    server.hold();
    const all = Promise.all([tokens.getToken(), tokens.getToken(), tokens.getToken()]);
    server.open();
    expect(await all).toEqual(["tok-1", "tok-1", "tok-1"]);
    expect(server.calls).toHaveLength(1);
  });

  it("fetches a new token after invalidate (only for the token that failed)", async () => {
    const server = tokenServer((n) => ({ status: 200, body: { access_token: `tok-${n}`, expires_in: 599 } }));
    const tokens = createTokenProvider(creds, {
      fetchToken: server.fetchToken,
      tokenPath: "/t",
      now: () => 0,
    });
    expect(await tokens.getToken()).toBe("tok-1");
    tokens.invalidate("some-older-token");
    expect(await tokens.getToken()).toBe("tok-1");
    tokens.invalidate("tok-1");
    expect(await tokens.getToken()).toBe("tok-2");
  });

  it("explains refused client credentials without leaking the secret", async () => {
    const server = tokenServer(() => ({
      status: 401,
      body: { error: "unauthorized_client", error_description: "bad client" },
    }));
    const tokens = createTokenProvider(creds, {
      fetchToken: server.fetchToken,
      tokenPath: "/oauth2/token",
      now: () => 0,
    });
    const error = await tokens.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect(e.message).toBe(
      "the token endpoint refused the client credentials (HTTP 401 unauthorized_client): bad client",
    );
    expect(e.details.hint).toContain("WORKIVA_CLIENT_ID and WORKIVA_CLIENT_SECRET");
    expect(JSON.stringify({ m: e.message, d: e.details })).not.toContain(SECRET);
  });

  it("uses a static token as is and fails clearly without credentials", async () => {
    const server = tokenServer(() => ({ status: 500, body: {} }));
    const opts = { fetchToken: server.fetchToken, tokenPath: "/t", now: () => 0 };
    const fixed = createTokenProvider({ type: "token", token: "abc" }, opts);
    expect(fixed.kind).toBe("static");
    expect(await fixed.getToken()).toBe("abc");
    const none = createTokenProvider({ type: "none" }, opts);
    await expect(none.getToken()).rejects.toThrow(NO_CREDENTIALS_MESSAGE);
    expect(server.calls).toHaveLength(0);
  });

  it("rejects a 200 without an access_token", async () => {
    const server = tokenServer(() => ({ status: 200, body: { token: "x" } }));
    const tokens = createTokenProvider(creds, {
      fetchToken: server.fetchToken,
      tokenPath: "/t",
      now: () => 0,
    });
    await expect(tokens.getToken()).rejects.toThrow("without an access_token");
  });
});
