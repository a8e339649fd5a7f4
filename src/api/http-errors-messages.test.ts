import { describe, expect, it } from "vitest";
import {
  httpError,
  isNotSent,
  networkError,
  networkErrorCode,
  readServerError,
  serverSaid,
} from "./http-errors.js";

/**
 * Every message and hint http-errors.ts writes, word for word: these are what a user reads
 * when a request fails, so a changed word is a changed contract (http-errors.test.ts checks the
 * classification; this file the text and the reading of odd bodies).
 */

const get = { method: "GET", path: "/processRuns/r1", idempotent: true };
const post = { method: "POST", path: "/processRuns/r1/jobRuns", idempotent: false };
const applied = "The server may have applied the request: re-run plan/apply, which re-reads the run first.";

describe("reading an error body", () => {
  it("trims text, and reads blank text, null and numbers as nothing said", () => {
    expect(readServerError("   ")).toStrictEqual({});
    expect(readServerError({ meta: null })).toStrictEqual({});
    // Blank text is nothing said, so the next field is read.
    expect(readServerError({ message: "  ", error_description: "real" })).toStrictEqual({ message: "real" });
    expect(readServerError(null)).toEqual({});
    expect(readServerError({ message: "  padded  ", target: " t ", code: " c " })).toEqual({
      message: "padded",
      target: "t",
      code: "c",
    });
    expect(readServerError({ code: 404 })).toEqual({ code: "404" });
    expect(readServerError({ title: "Bad Request" })).toEqual({ message: "Bad Request" });
    expect(readServerError({ detail: "why" })).toEqual({ message: "why" });
  });

  it("keeps at most 10 sub-errors and drops those that say nothing", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ code: `c${i}` }));
    expect(readServerError({ details: many }).details).toHaveLength(10);
    expect(
      readServerError({ details: [null, "text", {}, { code: "c" }, { message: "m" }, { target: "t" }] })
        .details,
    ).toEqual([{ code: "c" }, { message: "m" }, { target: "t" }]);
    expect(readServerError({ details: [{}] })).toEqual({});
  });

  it("reads meta as short text: at most 8 keys, each bounded, and only a map", () => {
    const nine = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(readServerError({ meta: nine }).meta ?? {})).toHaveLength(8);
    expect(readServerError({ meta: ["a"] })).toEqual({});
    expect(readServerError({ meta: { gone: undefined } })).toEqual({});
    expect(readServerError({ meta: { n: Number.NaN, on: true, s: "x", o: { a: 1 } } }).meta).toEqual({
      n: "NaN",
      on: "true",
      s: "x",
      o: '{"a":1}',
    });
    const long = "k".repeat(200);
    expect(Object.keys(readServerError({ meta: { [long]: "v" } }).meta ?? {})).toEqual(["k".repeat(120)]);
  });
});

describe("what the server said, in a message", () => {
  it.each([
    [{}, ""],
    [{ message: "m" }, ": m"],
    [{ target: "t" }, ": (target t)"],
    [{ meta: { a: "1" } }, ": (a=1)"],
    [{ details: [{ message: "d" }] }, ":; d"],
    [{ message: "m", details: [{ message: "m" }] }, ": m"],
    [{ message: "m", details: [{ target: "[1]" }] }, ": m; [1]"],
    [{ code: "x", message: "m", details: [{ code: "x", message: "d" }] }, ": m; d"],
    [
      { message: "m", details: [{ code: "y" }, { target: "[2]", code: "z", message: "d" }] },
      ": m; y; [2] z: d",
    ],
  ])("%j -> %j", (server, said) => {
    expect(serverSaid(server)).toBe(said);
  });
});

describe("network failures", () => {
  const coded = (code: string) => Object.assign(new Error(code), { code });

  it.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"])(
    "%s proves the request never left",
    (code) => {
      expect(isNotSent(coded(code))).toBe(true);
    },
  );

  it("finds a code up to three causes deep, and stops at a string, a null or a cycle", () => {
    const chain = (depth: number) => {
      let e: Error = coded("ECONNREFUSED");
      for (let i = 0; i < depth; i++) e = new Error("wrapped", { cause: e });
      return e;
    };
    expect(networkErrorCode(chain(3))).toBe("ECONNREFUSED");
    expect(networkErrorCode(chain(4))).toBeUndefined();
    expect(networkErrorCode(new Error("x", { cause: "ECONNRESET" }))).toBeUndefined();
    expect(networkErrorCode(new Error("x", { cause: null }))).toBeUndefined();
    const cyclic: Error & { cause?: unknown } = new Error("loop");
    cyclic.cause = cyclic;
    expect(networkErrorCode(cyclic)).toBeUndefined();
  });

  it("words each kind, with the host, the tries and what to do", () => {
    const refused = networkError(coded("ECONNREFUSED"), { ...post, host: "api.example.com:443" }, 3);
    expect(refused.message).toBe(
      "could not connect to the API at api.example.com:443 (ECONNREFUSED) after 3 tries",
    );
    expect(refused.details.hint).toBe("Check api.baseUrl (or JOBSYNC_BASE_URL) and the network.");
    expect(networkError(coded("UND_ERR_CONNECT_TIMEOUT"), post, 1).message).toBe(
      "could not connect to the API (UND_ERR_CONNECT_TIMEOUT)",
    );
    const unnamed = networkError(new Error("socket hang up"), post, 1);
    expect(unnamed.message).toBe("the connection to the API failed (network error)");
    expect(unnamed.details.hint).toBe(applied);
    const timeout = Object.assign(new Error("aborted"), { name: "TimeoutError" });
    expect(networkError(timeout, get, 2).message).toBe(
      "the API did not answer in time (network error) after 2 tries",
    );
    expect(networkError(timeout, get, 2).details.hint).toBe(
      "Try again later. Raise api.timeoutMs if the API is slow.",
    );
    expect(networkError(timeout, post, 1).details.hint).toBe(
      `${applied} Raise api.timeoutMs if the API is slow.`,
    );
  });
});

describe("HTTP failures, word for word", () => {
  it.each([
    [
      401,
      { ...get, staticToken: true },
      "the API refused the token in JOBSYNC_TOKEN (HTTP 401)",
      "Set a fresh JOBSYNC_TOKEN, or use WORKIVA_CLIENT_ID and WORKIVA_CLIENT_SECRET.",
    ],
    [
      401,
      get,
      "the API refused the access token even after re-authenticating (HTTP 401)",
      "Check that the API grant is active and the client credentials are current.",
    ],
    [
      403,
      post,
      "the API refused the request (HTTP 403)",
      "The API grant lacks the file:write scope, or the integration user lacks access.",
    ],
    [404, get, "resource not found (HTTP 404)", "Check the id."],
    [
      409,
      post,
      "the API refused the change (HTTP 409)",
      "The process run is not running, or the group is read-only.",
    ],
    [
      429,
      post,
      "the API is still rate limiting after 1 tries (HTTP 429)",
      "Lower rateLimit in the config, or try again later.",
    ],
    [
      429,
      { ...post, tries: 12 },
      "the API is still rate limiting after 12 tries (HTTP 429)",
      "Lower rateLimit in the config, or try again later.",
    ],
    [503, { ...post, tries: 3 }, "the API failed with a server error after 3 tries (HTTP 503)", applied],
    [503, { ...post, tries: 1 }, "the API failed with a server error (HTTP 503)", applied],
    [500, get, "the API failed with a server error (HTTP 500)", "Try again later."],
    [400, post, "the API rejected the request (HTTP 400)", "Check the manifest's arguments and ids."],
    [418, post, "the API rejected the request (HTTP 418)", undefined],
  ] as const)("%i %j", (status, ctx, message, hint) => {
    const error = httpError(status, {}, ctx);
    expect(error.message).toBe(message);
    expect(error.details.hint).toBe(hint);
    expect("hint" in error.details).toBe(hint !== undefined);
  });

  it("marks what the server refused as rejected: nothing was applied", () => {
    const oauth = { ...post, staticToken: false };
    for (const [status, ctx] of [
      [401, { ...post, staticToken: true }],
      [401, oauth],
      [403, post],
      [404, get],
      [409, post],
    ] as const)
      expect(httpError(status, {}, ctx).details.outcome, String(status)).toBe("rejected");
  });

  it("lists sub-error targets, and none when no sub-error names one", () => {
    expect(httpError(400, { details: [{ message: "m" }] }, post).details.subTargets).toEqual([]);
    expect(httpError(400, {}, post).details).not.toHaveProperty("subTargets");
  });
});

describe("sub-errors without a message", () => {
  it("are shown by target and code when the main error has no message either", () => {
    expect(serverSaid({ details: [{ target: "t", code: "c" }] })).toBe(":; t c");
  });
});
