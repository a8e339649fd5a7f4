import { describe, expect, it } from "vitest";
import { UserError } from "../diagnostics/errors.js";
import { readCredentials } from "./credentials.js";

describe("readCredentials", () => {
  it("reads client credentials", () => {
    expect(readCredentials({ WORKIVA_CLIENT_ID: "id", WORKIVA_CLIENT_SECRET: "s3cret" })).toEqual({
      type: "clientCredentials",
      clientId: "id",
      clientSecret: "s3cret",
    });
  });

  it("prefers client credentials over a token, and reads a token alone", () => {
    const both = { WORKIVA_CLIENT_ID: "id", WORKIVA_CLIENT_SECRET: "s", JOBSYNC_TOKEN: "t" };
    expect(readCredentials(both).type).toBe("clientCredentials");
    expect(readCredentials({ JOBSYNC_TOKEN: "tok" })).toEqual({ type: "token", token: "tok" });
  });

  it("returns none when nothing is set (empty values count as unset)", () => {
    expect(readCredentials({})).toEqual({ type: "none" });
    expect(readCredentials({ JOBSYNC_TOKEN: "", WORKIVA_CLIENT_ID: " " })).toEqual({ type: "none" });
  });

  it("names the missing half of a client credential pair, never the secret", () => {
    expect(() => readCredentials({ WORKIVA_CLIENT_SECRET: "s3cret" })).toThrow(UserError);
    expect(() => readCredentials({ WORKIVA_CLIENT_SECRET: "s3cret" })).toThrow(
      "WORKIVA_CLIENT_SECRET is set but WORKIVA_CLIENT_ID is not",
    );
    try {
      readCredentials({ WORKIVA_CLIENT_SECRET: "s3cret" });
    } catch (error) {
      expect(`${(error as UserError).message} ${(error as UserError).hint}`).not.toContain("s3cret");
    }
    expect(() => readCredentials({ WORKIVA_CLIENT_ID: "id" })).toThrow(
      "WORKIVA_CLIENT_ID is set but WORKIVA_CLIENT_SECRET is not",
    );
  });
});
