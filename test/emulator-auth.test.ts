import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSeed } from "../src/emulator/seed.js";
import { apiClient, getToken, X_VERSION } from "./helpers/emulator-api.js";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

let emu: TestEmulator;

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
const form = { "Content-Type": "application/x-www-form-urlencoded" };

async function token(path: string, init: { headers?: Record<string, string>; body: string }) {
  const res = await fetch(`${emu.url}${path}`, { method: "POST", headers: init.headers, body: init.body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("token endpoints", () => {
  it("issues a Bearer token for any id/secret via Basic auth, on both paths", async () => {
    emu = await startTestEmulator();
    for (const path of ["/oauth2/token", "/iam/v1/oauth2/token"]) {
      const res = await token(path, {
        headers: { Authorization: basic("any", "thing"), ...form },
        body: "grant_type=client_credentials",
      });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        expires_in: 599,
        token_type: "Bearer",
        scope: "file:read file:write",
      });
      expect(typeof res.json.access_token).toBe("string");
      const api = apiClient(emu.url, res.json.access_token as string);
      expect((await api.get("/processRuns/run-q4close")).status).toBe(200);
    }
  });

  it("accepts form fields and a JSON body, and narrows to a requested scope", async () => {
    emu = await startTestEmulator();
    const viaForm = await token("/oauth2/token", {
      headers: form,
      body: "grant_type=client_credentials&client_id=a&client_secret=b&scope=file%3Aread",
    });
    expect(viaForm.status).toBe(200);
    expect(viaForm.json.scope).toBe("file:read");
    const viaJson = await token("/oauth2/token", {
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials", client_id: "a", client_secret: "b" }),
    });
    expect(viaJson.status).toBe(200);
    // the narrowed token may read but not write
    const reader = apiClient(emu.url, viaForm.json.access_token as string);
    expect((await reader.get("/processRuns/run-vendor")).status).toBe(200);
    const write = await reader.post("/processRuns/run-vendor/jobRuns", []);
    expect(write.status).toBe(403);
    expect(write.json.code).toBe("403Forbidden");
  });

  it("rejects a wrong grant_type (400) and missing credentials (401)", async () => {
    emu = await startTestEmulator();
    const grant = await token("/oauth2/token", {
      headers: { Authorization: basic("a", "b"), ...form },
      body: "grant_type=password",
    });
    expect(grant).toMatchObject({ status: 400, json: { error: "invalid_request" } });
    const none = await token("/oauth2/token", { headers: form, body: "grant_type=client_credentials" });
    expect(none).toMatchObject({ status: 401, json: { error: "unauthorized_client" } });
    expect(typeof none.json.error_description).toBe("string");
  });

  it("with seeded clients: only those pairs, and their scope", async () => {
    const seed = parseSeed(
      JSON.parse(readFileSync(new URL("./fixtures/emulator/seed-small.json", import.meta.url), "utf8")),
    );
    emu = await startTestEmulator({ seed });
    const bad = await token("/oauth2/token", {
      headers: { Authorization: basic("ci-client", "wrong"), ...form },
      body: "grant_type=client_credentials",
    });
    expect(bad).toMatchObject({ status: 401, json: { error: "unauthorized_client" } });
    expect(JSON.stringify(bad.json)).not.toContain("wrong");
    const good = await token("/oauth2/token", {
      headers: { Authorization: basic("ci-client", "s3cret+/="), ...form },
      body: "grant_type=client_credentials",
    });
    expect(good.status).toBe(200);
    const encoded = await token("/oauth2/token", {
      headers: { Authorization: basic("ci-client", encodeURIComponent("s3cret+/=")), ...form },
      body: "grant_type=client_credentials",
    });
    expect(encoded.status).toBe(200);
    const reader = await getToken(emu.url, "reader", "r");
    expect((await apiClient(emu.url, reader).post("/processRuns/r1/jobRuns", [])).status).toBe(403);
  });
});

describe("API auth and headers", () => {
  it("401 without a token, with an unknown one, and after expireTokens()", async () => {
    emu = await startTestEmulator();
    const noToken = await fetch(`${emu.url}/processRuns/run-q4close`, {
      headers: { "X-Version": X_VERSION },
    });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ code: "401Unauthorized" });
    expect((await apiClient(emu.url, "made-up").get("/processRuns/run-q4close")).status).toBe(401);
    const api = apiClient(emu.url, await getToken(emu.url));
    expect((await api.get("/processRuns/run-q4close")).status).toBe(200);
    emu.expireTokens();
    const expired = await api.get("/processRuns/run-q4close");
    expect(expired.status).toBe(401);
    expect(expired.json.code).toBe("401Unauthorized");
  });

  it("tokens expire after their lifetime on the injected clock", async () => {
    let clock = 1_000_000;
    emu = await startTestEmulator({ now: () => clock, tokenTtlSeconds: 10 });
    const api = apiClient(emu.url, await getToken(emu.url));
    clock += 9_999;
    expect((await api.get("/processes")).status).toBe(200);
    clock += 1;
    expect((await api.get("/processes")).status).toBe(401);
  });

  it("400 without X-Version or with another version", async () => {
    emu = await startTestEmulator();
    const tok = await getToken(emu.url);
    const missing = await fetch(`${emu.url}/processes`, { headers: { Authorization: `Bearer ${tok}` } });
    expect(missing.status).toBe(400);
    const body = (await missing.json()) as { code: string; message: string };
    expect(body.code).toBe("400BadRequest");
    expect(body.message).toContain("X-Version");
    const other = await apiClient(emu.url, tok).get("/processes", { "X-Version": "2026-01-01" });
    expect(other.status).toBe(400);
  });

  it("unknown routes answer 404 with the error body", async () => {
    emu = await startTestEmulator();
    const api = apiClient(emu.url, await getToken(emu.url));
    const res = await api.get("/processRuns/run-q4close/jobRuns/jr-kickoff");
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ code: "404NotFound" });
    expect(emu.requests.at(-1)).toMatchObject({ method: "GET", status: 404 });
  });

  it("records requests without token secrets", async () => {
    emu = await startTestEmulator();
    const api = apiClient(emu.url, await getToken(emu.url, "id", "super-secret"));
    await api.post("/processRuns/run-vendor/jobRuns?parentGroupId=root-run-vendor", [
      { action: "certification", arguments: { type: "certification", certificationArgs: {} } },
    ]);
    expect(emu.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ["POST", "/oauth2/token", 200],
      ["POST", "/processRuns/run-vendor/jobRuns", 201],
    ]);
    expect(emu.requests[1]?.query).toEqual({ parentGroupId: "root-run-vendor" });
    expect(Array.isArray(emu.requests[1]?.body)).toBe(true);
    expect(JSON.stringify(emu.requests)).not.toContain("super-secret");
  });
});
