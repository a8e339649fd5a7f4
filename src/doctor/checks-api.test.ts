import { describe, expect, it } from "vitest";
import type { ResolvedConfig } from "../config/config-types.js";
import { advertisedBudget, budgetCheck } from "./checks-api.js";

const config = { rateLimit: { requests: 1000, perSeconds: 60 } } as ResolvedConfig;
const response = (headers: Record<string, string>) => ({
  status: 200,
  headers,
  body: {},
  tries: 1,
  path: "/p",
});

describe("the rate budget a server advertises", () => {
  it("reads RateLimit-Policy, then RateLimit-Limit / X-RateLimit-Limit", () => {
    expect(advertisedBudget({ "ratelimit-policy": "100;w=60" })).toEqual({
      requests: 100,
      perSeconds: 60,
      header: "RateLimit-Policy",
    });
    expect(advertisedBudget({ "x-ratelimit-limit": "500" })).toEqual({
      requests: 500,
      header: "x-ratelimit-limit",
    });
    expect(advertisedBudget({})).toBeUndefined();
  });

  it("warns when the configured budget is above the server's; skipped when the server says nothing", () => {
    const learned = [{ limit: 980, ms: 60_000 }];
    expect(budgetCheck(response({ "ratelimit-policy": "100;w=60" }), learned, config)).toEqual({
      status: "warn",
      detail:
        "the server advertises 100 per 60 s (RateLimit-Policy); config rateLimit: 1000 per 60 s; lower rateLimit to the server's budget",
    });
    expect(budgetCheck(response({ "ratelimit-policy": "5000;w=60" }), learned, config).status).toBe("ok");
    expect(budgetCheck(response({}), [...learned, { limit: 20, ms: 10_000 }], config)).toEqual({
      status: "warn",
      detail: "learned from the server's 429 answers: 20 per 10 s; config rateLimit: 1000 per 60 s",
    });
    expect(budgetCheck(response({}), learned, config).status).toBe("skipped");
  });
});
