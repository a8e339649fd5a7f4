import { describe, expect, it } from "vitest";
import { UserError } from "../diagnostics/errors.js";
import { isLoopbackHost, isSafeForCredentials, requireSafeForCredentials } from "./url-policy.js";

const safe = (url: string) => isSafeForCredentials(new URL(url));

describe("isLoopbackHost", () => {
  it("is localhost, 127.0.0.0/8 and ::1 as the URL parser writes them", () => {
    for (const url of [
      "http://localhost:1",
      "http://LOCALHOST",
      "http://127.0.0.1",
      "http://127.255.3.4",
      "http://[::1]:8080",
      "http://127.1",
      "http://0x7f000001",
    ]) {
      expect(isLoopbackHost(new URL(url).hostname), url).toBe(true);
    }
  });

  it("is not another host, even one that looks like loopback", () => {
    for (const url of [
      "http://128.0.0.1",
      "http://localhost.example.com",
      "http://127.0.0.1.nip.io",
      "http://[::2]",
      "http://0.0.0.0",
      "http://example.com",
      "http://10.0.0.1",
    ]) {
      expect(isLoopbackHost(new URL(url).hostname), url).toBe(false);
    }
  });
});

describe("isSafeForCredentials", () => {
  it("allows https anywhere and http only to loopback", () => {
    expect(safe("https://api.app.wdesk.com")).toBe(true);
    expect(safe("http://127.0.0.1:4010")).toBe(true);
    expect(safe("http://api.app.wdesk.com")).toBe(false);
    expect(safe("http://192.168.1.5:4010")).toBe(false);
    expect(safe("ftp://localhost")).toBe(false);
  });

  it("refuses with a UserError naming the host and setting, never the password or path", () => {
    const refuse = () =>
      requireSafeForCredentials(new URL("http://me:pa55@api.example.com:8080/v1?x=1"), "api.baseUrl");
    expect(refuse).toThrow(UserError);
    expect(refuse).toThrow(
      "refusing to send credentials over plain http to api.example.com:8080 (api.baseUrl)",
    );
    const error = (() => {
      try {
        refuse();
      } catch (e) {
        return e;
      }
    })();
    if (!(error instanceof UserError)) throw new Error("expected a UserError");
    expect(`${error.message} ${error.hint}`).not.toMatch(/pa55|me:|\/v1|x=1/);
    expect(error.hint).toContain("Use an https:// URL");
  });
});
