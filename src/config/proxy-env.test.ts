import { describe, expect, it } from "vitest";
import { readProxySettings } from "./proxy-env.js";

describe("readProxySettings", () => {
  it("reads both cases, lower case first, and leaves unset ones out", () => {
    expect(readProxySettings({})).toEqual({});
    expect(
      readProxySettings({
        HTTPS_PROXY: "http://upper:3128",
        https_proxy: "http://lower:3128",
        NO_PROXY: "a.test",
      }),
    ).toEqual({ httpsProxy: "http://lower:3128", noProxy: "a.test" });
    expect(readProxySettings({ HTTP_PROXY: "http://p:8080", no_proxy: " " })).toEqual({
      httpProxy: "http://p:8080",
    });
  });

  it("refuses a value that is not a proxy URL without echoing it", () => {
    expect(() => readProxySettings({ HTTPS_PROXY: "user:s3cret@proxy" })).toThrow(
      "HTTPS_PROXY is not a proxy URL",
    );
    expect(() => readProxySettings({ http_proxy: "ftp://proxy" })).toThrow("http_proxy is not a proxy URL");
    try {
      readProxySettings({ HTTPS_PROXY: "user:s3cret@proxy" });
    } catch (e) {
      expect(String(e)).not.toContain("s3cret");
    }
  });
});
