import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED, redactDeep, secretsOf, urlCredentials } from "./redact.js";

describe("redaction", () => {
  const env = {
    WORKIVA_CLIENT_ID: "client-7",
    WORKIVA_CLIENT_SECRET: "sh/h+secret=1",
    JOBSYNC_TOKEN: "tok-abcdef",
    HTTPS_PROXY: "http://alice:p%40ss-word@proxy.example.com:3128",
  };
  const redact = createRedactor(secretsOf(env));

  it("removes known secrets in raw, URL-encoded, JSON-escaped and Basic forms", () => {
    const basic = Buffer.from("client-7:sh/h+secret=1").toString("base64");
    for (const text of [
      "the secret sh/h+secret=1 here",
      `encoded ${encodeURIComponent("sh/h+secret=1")}`,
      "token tok-abcdef",
      `basic ${basic}`,
      "proxy password p@ss-word and p%40ss-word, user alice",
    ]) {
      const out = redact(text);
      expect(out).toContain(REDACTED);
      for (const s of ["sh/h+secret=1", "tok-abcdef", basic, "p@ss-word", "p%40ss-word", "alice"])
        expect(out).not.toContain(s);
    }
  });

  it("removes credential-shaped text it does not know", () => {
    expect(redact("Authorization: Bearer eyJ.abc.def")).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redact('{"access_token":"zzz999","expires_in":599}')).toBe(
      `{"access_token":"${REDACTED}","expires_in":599}`,
    );
    expect(redact("grant_type=client_credentials&client_secret=qqq")).toBe(
      `grant_type=client_credentials&client_secret=${REDACTED}`,
    );
    expect(redact("via https://bob:hunter2@proxy:8080/x")).toBe(`via https://${REDACTED}@proxy:8080/x`);
  });

  it("leaves ordinary text alone, and short secrets to the patterns only", () => {
    const short = createRedactor(secretsOf({ WORKIVA_CLIENT_ID: "ci", WORKIVA_CLIENT_SECRET: "s" }));
    expect(short("process run run-q4close is running")).toBe("process run run-q4close is running");
  });

  it("redacts every string of a report, keys included", () => {
    expect(redactDeep({ a: ["tok-abcdef"], "tok-abcdef": 1, n: 2 }, redact)).toEqual({
      a: [REDACTED],
      [REDACTED]: 1,
      n: 2,
    });
  });

  it("finds the credentials of a URL, and of a value that is not one", () => {
    expect(urlCredentials("http://u1:p%2Fw@h:1")).toEqual(["u1", "u1", "p%2Fw", "p/w"]);
    expect(urlCredentials("u2:pw2@nowhere")).toEqual(["u2:pw2", "u2", "pw2"]);
    expect(urlCredentials(undefined)).toEqual([]);
  });
});
