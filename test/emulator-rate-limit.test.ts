import { describe, expect, it } from "vitest";
import { parseRateLimit } from "../src/emulator/rate-limit.js";
import { apiClient, getToken } from "./helpers/emulator-api.js";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

let emu: TestEmulator;

describe("sliding-window rate limit (injected clock)", () => {
  it("answers 429 with the documented message and Retry-After, then frees slots as the window slides", async () => {
    let clock = 0;
    emu = await startTestEmulator({ now: () => clock, rateLimit: { requests: 3, perSeconds: 60 } });
    const api = apiClient(emu.url, await getToken(emu.url));
    expect((await api.get("/processes")).status).toBe(200); // t=0
    clock = 10_000;
    expect((await api.get("/processes")).status).toBe(200); // t=10s
    expect((await api.get("/processes")).status).toBe(200); // t=10s
    clock = 15_500;
    const limited = await api.get("/processes");
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({
      code: "429TooManyRequests",
      message: "Rate limit of 3 per 60 seconds exceeded. Retry request in 45 seconds.",
    });
    expect(limited.headers.get("retry-after")).toBe("45");
    clock = 60_000; // the t=0 request leaves the window
    expect((await api.get("/processes")).status).toBe(200);
    expect((await api.get("/processes")).status).toBe(429);
    clock = 70_000;
    expect((await api.get("/processes")).status).toBe(200);
  });

  it("leaves Retry-After out when switched off, and counts per token", async () => {
    emu = await startTestEmulator({
      now: () => 0,
      rateLimit: { requests: 1, perSeconds: 60, retryAfter: false },
    });
    const a = apiClient(emu.url, await getToken(emu.url));
    expect((await a.get("/processes")).status).toBe(200);
    const limited = await a.get("/processes");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeNull();
    expect(limited.json.message).toContain("Retry request in 60 seconds");
    const b = apiClient(emu.url, await getToken(emu.url));
    expect((await b.get("/processes")).status).toBe(200);
  });

  it("does not count unauthenticated requests or token requests; can be turned off", async () => {
    emu = await startTestEmulator({ now: () => 0, rateLimit: { requests: 1, perSeconds: 60 } });
    const tok = await getToken(emu.url);
    await getToken(emu.url);
    await apiClient(emu.url, "bogus").get("/processes");
    expect((await apiClient(emu.url, tok).get("/processes")).status).toBe(200);
    await emu.close();
    emu = await startTestEmulator({ now: () => 0, rateLimit: false });
    const api = apiClient(emu.url, await getToken(emu.url));
    for (let i = 0; i < 5; i++) expect((await api.get("/processes")).status).toBe(200);
  });
});

describe("parseRateLimit", () => {
  it("parses N/Ss and off; rejects the rest", () => {
    expect(parseRateLimit("1000/60s")).toEqual({ requests: 1000, perSeconds: 60 });
    expect(parseRateLimit("5/1")).toEqual({ requests: 5, perSeconds: 1 });
    expect(parseRateLimit("off")).toBe(false);
    for (const bad of ["", "0/60s", "10/0s", "fast", "10 per 60"])
      expect(() => parseRateLimit(bad)).toThrow(/rate-limit/);
  });
});
