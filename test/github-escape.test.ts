import { describe, expect, it } from "vitest";
import { code, escapeText, fence, tail } from "../github/scripts/escape.mjs";
import { readZipEntry } from "../github/scripts/read-zip.mjs";
import { zipOf } from "./helpers/fake-github.js";

describe("escapeText: outside text in a comment", () => {
  it("neutralises mentions and HTML", () => {
    const shown = escapeText("ping @security-team <img src=x onerror=alert(1)> &amp;");
    expect(shown).toContain("@&#8203;security\\-team");
    expect(shown).not.toMatch(/<img/);
    expect(shown).toContain("&lt;img src\\=x onerror\\=alert\\(1\\)&gt;");
    expect(shown).toContain("&amp;amp;");
    expect(shown).not.toMatch(/(^|[^\\&])@\w/);
  });

  it("escapes Markdown syntax at line starts and inline, keeps lines and indentation", () => {
    const shown = escapeText("# heading\n- item\n1. first\n    indented `code` [link](x) **bold** ---");
    const lines = shown.split("  \n");
    expect(lines).toEqual([
      "\\# heading",
      "\\- item",
      "1\\. first",
      "&nbsp;&nbsp;&nbsp;&nbsp;indented \\`code\\` \\[link\\]\\(x\\) \\*\\*bold\\*\\* \\-\\-\\-",
    ]);
  });

  it("shows control and direction characters and cuts long text", () => {
    expect(escapeText("a\u001b[2Jb\u202ec")).toBe("a\\\\u001b\\[2Jb\\\\u202ec");
    expect(escapeText("x".repeat(50), 10)).toBe(`${"x".repeat(10)} … \\(cut\\)`);
  });
});

describe("fence and code: command output", () => {
  it("uses a fence longer than any backtick run inside", () => {
    const block = fence("before\n````\n@team <b>x</b>\n");
    expect(block.startsWith("`````\n")).toBe(true);
    expect(block.endsWith("\n`````")).toBe(true);
    expect(block.split("\n")).toHaveLength(5);
  });

  it("keeps the end of long output", () => {
    const cut = tail(`${"a".repeat(100)}END`, 10);
    expect(cut.endsWith(`${"a".repeat(7)}END`)).toBe(true);
    expect(cut).toContain("characters cut");
  });

  it("writes short values as code, or escaped when they hold a backtick", () => {
    expect(code("run-1")).toBe("`run-1`");
    expect(code("a`b")).toBe("a\\`b");
  });
});

describe("readZipEntry", () => {
  it("reads a deflated entry and checks it", () => {
    const zip = zipOf("plan.json", '{"formatVersion":2}');
    expect(readZipEntry(zip, "plan.json").toString("utf8")).toBe('{"formatVersion":2}');
    expect(() => readZipEntry(zip, "other.json")).toThrow(/no other.json/);
    const corrupt = Buffer.from(zip);
    corrupt.writeUInt32LE(0, corrupt.readUInt32LE(corrupt.length - 22 + 16) + 16); // the directory's CRC
    expect(() => readZipEntry(corrupt, "plan.json")).toThrow();
    expect(() => readZipEntry(Buffer.from("not a zip at all, really not"), "plan.json")).toThrow(/not a zip/);
  });
});
