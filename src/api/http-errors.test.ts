import { describe, expect, it } from "vitest";
import { httpError, isNotSent, networkError, readServerError } from "./http-errors.js";

const get = { method: "GET", path: "/processRuns/r1", idempotent: true };
const post = { method: "POST", path: "/processRuns/r1/jobRuns?before=true", idempotent: false };
/** A token request to a custom `api.tokenUrl`: a POST that changes nothing. */
const token = { method: "POST", path: "/custom/iam/get-token", idempotent: true };

describe("http errors", () => {
  it("reads Workiva and OAuth error bodies leniently", () => {
    expect(readServerError({ code: "404", message: "Could not find it" })).toEqual({
      code: "404",
      message: "Could not find it",
    });
    expect(readServerError({ error: "unauthorized_client", error_description: "bad" })).toEqual({
      code: "unauthorized_client",
      message: "bad",
    });
    expect(readServerError("<html>oops</html>")).toEqual({ message: "<html>oops</html>" });
    expect(readServerError(undefined)).toEqual({});
  });

  it("classifies statuses with the server message and what to do", () => {
    const e400 = httpError(400, { code: "invalidUser", message: "The provided user is invalid." }, post);
    expect(e400.outcome).toBe("rejected");
    expect(e400.message).toBe(
      "the API rejected the request (HTTP 400 invalidUser): The provided user is invalid.",
    );
    expect(e400.details).toMatchObject({ status: 400, code: "invalidUser", method: "POST", path: post.path });
    expect(httpError(403, {}, post).details.hint).toContain("file:write");
    expect(httpError(403, {}, get).details.hint).toContain("file:read");
    const e404 = httpError(404, { message: "nope" }, { ...get, resource: "process run r1" });
    expect(e404.message).toBe("process run r1 not found (HTTP 404): nope");
    expect(e404.details.hint).toBe("Check the id.");
    expect(httpError(409, {}, post).details.hint).toContain("not running, or the group is read-only");
    expect(httpError(429, {}, { ...post, tries: 12 })).toMatchObject({ outcome: "not-sent" });
    expect(httpError(500, { message: "unknown error" }, post).outcome).toBe("maybe-applied");
    expect(httpError(401, {}, { ...get, staticToken: true }).message).toContain("JOBSYNC_TOKEN");
  });

  it("tells never-sent network errors from maybe-applied ones", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const reset = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
    const wrapped = new Error("fetch failed", { cause: refused });
    expect(isNotSent(refused)).toBe(true);
    expect(isNotSent(wrapped)).toBe(true);
    expect(isNotSent(reset)).toBe(false);
    expect(networkError(refused, post, 5).outcome).toBe("not-sent");
    const maybe = networkError(reset, post, 1);
    expect(maybe.outcome).toBe("maybe-applied");
    expect(maybe.message).toBe("the connection to the API failed (UND_ERR_SOCKET)");
    const timeout = Object.assign(new Error("Headers Timeout"), { code: "UND_ERR_HEADERS_TIMEOUT" });
    expect(networkError(timeout, post, 1)).toMatchObject({ outcome: "maybe-applied" });
    expect(networkError(timeout, post, 1).message).toContain("did not answer in time");
  });

  it("hints by whether the request changes anything, not by its path", () => {
    const applied =
      "The server may have applied the request: re-run plan/apply, which re-reads the run first.";
    expect(httpError(502, {}, post).details.hint).toBe(applied);
    expect(httpError(502, {}, get).details.hint).toBe("Try again later.");
    expect(httpError(502, {}, token).details.hint).toBe("Try again later.");
    // A non-idempotent POST whose path happens to look like a token URL still may have applied.
    expect(httpError(502, {}, { ...post, path: "/oauth2/token" }).details.hint).toBe(applied);
    const reset = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
    expect(networkError(reset, token, 5).details.hint).toBe("Try again later.");
    expect(networkError(reset, post, 1).details.hint).toBe(applied);
  });

  it("says the client credentials were refused for a token request's 400/401", () => {
    const body = { error: "invalid_client", error_description: "Bad client" };
    for (const status of [400, 401]) {
      const e = httpError(status, body, { ...token, token: true, resource: "token endpoint" });
      expect(e.message).toBe(
        `the token endpoint refused the client credentials (HTTP ${status} invalid_client): Bad client`,
      );
      expect(e.details).toEqual({
        status,
        code: "invalid_client",
        method: "POST",
        path: token.path,
        outcome: "rejected",
        hint: "Check WORKIVA_CLIENT_ID and WORKIVA_CLIENT_SECRET (and that the API grant is active).",
      });
    }
    expect(httpError(500, {}, { ...token, token: true }).message).toContain("server error");
  });
});

describe("what a 400 says (§11)", () => {
  const post = { method: "POST", path: "/processRuns/r/jobRuns", idempotent: false };
  it("shows the docs' example: message, target and meta", async () => {
    const { readFile } = await import("node:fs/promises");
    const body = JSON.parse(
      await readFile(new URL("../../test/fixtures/api/error.400.example.json", import.meta.url), "utf8"),
    );
    const error = httpError(400, body, post);
    expect(error.message).toBe(
      "the API rejected the request (HTTP 400 invalidUser): The provided user is invalid. (target assignee; argumentName=assignee; jobId=job1234)",
    );
    expect(error.details).toMatchObject({ status: 400, target: "assignee", outcome: "rejected" });
  });

  it("lists sub-errors that add something, and keeps their targets", () => {
    const error = httpError(
      400,
      {
        code: "400",
        message: "Item 0: bad",
        target: "[0].arguments",
        details: [
          { code: "400", message: "Item 0: bad", target: "[0].arguments" },
          { code: "tooLong", message: "Item 2: title too long", target: "[2].arguments.sendTaskArgs.title" },
          "not an object",
        ],
        meta: { nested: { a: 1 }, n: 3 },
      },
      post,
    );
    expect(error.message).toBe(
      'the API rejected the request (HTTP 400 400): Item 0: bad (target [0].arguments; nested={"a":1}; n=3); [2].arguments.sendTaskArgs.title tooLong: Item 2: title too long',
    );
    expect(error.details.subTargets).toEqual(["[0].arguments", "[2].arguments.sendTaskArgs.title"]);
  });

  it("bounds what it keeps of a long body", () => {
    const long = "x".repeat(5000);
    const error = httpError(400, { message: long, target: long, meta: { k: long } }, post);
    expect(error.message.length).toBeLessThan(1000);
  });
});
