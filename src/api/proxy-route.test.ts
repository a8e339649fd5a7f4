import { describe, expect, it } from "vitest";
import { proxyDisplay, proxyRoute } from "./proxy-route.js";

const u = (s: string) => new URL(s);

describe("proxyRoute", () => {
  const settings = {
    httpsProxy: "http://user:pw@proxy.example.com:3128",
    httpProxy: "http://plain.example.com:80",
    noProxy: "internal.example, .corp.example,api.other:8443",
  };

  it("loopback is direct whatever the settings", () => {
    expect(proxyRoute(u("http://127.0.0.1:8080"), settings)).toEqual({ via: "direct", reason: "loopback" });
    expect(proxyRoute(u("http://localhost"), { noProxy: "" })).toEqual({ via: "direct", reason: "loopback" });
  });

  it("https goes through HTTPS_PROXY (host only), else HTTP_PROXY; http through HTTP_PROXY only", () => {
    expect(proxyRoute(u("https://api.app.wdesk.com"), settings)).toEqual({
      via: "proxy",
      proxy: "http://proxy.example.com:3128",
      variable: "HTTPS_PROXY",
    });
    expect(proxyRoute(u("https://x.example"), { httpProxy: "http://p:1" })).toMatchObject({
      variable: "HTTP_PROXY",
    });
    expect(proxyRoute(u("http://x.example"), { httpsProxy: "http://p:1" })).toEqual({
      via: "direct",
      reason: "no proxy set",
    });
  });

  it("NO_PROXY: hosts, domains with a leading dot, ports, and *", () => {
    const direct = { via: "direct", reason: "NO_PROXY" };
    expect(proxyRoute(u("https://internal.example"), settings)).toEqual(direct);
    expect(proxyRoute(u("https://a.internal.example"), settings)).toEqual(direct);
    expect(proxyRoute(u("https://b.corp.example"), settings)).toEqual(direct);
    expect(proxyRoute(u("https://api.other:8443"), settings)).toEqual(direct);
    expect(proxyRoute(u("https://api.other"), settings).via).toBe("proxy");
    expect(proxyRoute(u("https://notinternal.example"), settings).via).toBe("proxy");
    expect(proxyRoute(u("https://any.where"), { ...settings, noProxy: "*" })).toEqual(direct);
  });

  it("shows a proxy by scheme, host and port only", () => {
    expect(proxyDisplay("http://user:secret@proxy:3128/path?q=1")).toBe("http://proxy:3128");
    expect(proxyDisplay("not a url")).toBe("(not a URL)");
  });
});
