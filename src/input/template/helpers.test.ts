// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is the template syntax, not a JS placeholder
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { flowExpressionHint } from "./flow-hint.js";
import { loopNameProblem } from "./scope.js";
import { dateInTimeZone, isTimeZone } from "./time-zone.js";

describe("flowExpressionHint", () => {
  it("says to quote an expression in a flow mapping, at its `$`", () => {
    const text = "jobs:\n  - sendTask: { title: ${{ vars.x }}, assignee: u }\n";
    const doc = parseDocument(text, { prettyErrors: false });
    const first = doc.errors[0]?.pos[0] ?? -1;
    expect(flowExpressionHint(text, first)).toEqual({
      offset: text.indexOf("${{"),
      message:
        'an expression inside a flow mapping or list (`{ … }`, `[ … ]`) must be quoted: write "${{ vars.x }}" (YAML reads `{` as the start of a mapping)',
    });
  });

  it("covers flow lists and leaves other errors alone", () => {
    const text = "a: [${{ x }}]\n";
    const pos = parseDocument(text, { prettyErrors: false }).errors[0]?.pos[0] ?? -1;
    expect(flowExpressionHint(text, pos)?.offset).toBe(4);
    expect(flowExpressionHint("a: [b\n", 4)).toBeUndefined();
  });
});

describe("loopNameProblem", () => {
  it("accepts names and refuses reserved, reused and unwritable ones", () => {
    expect(loopNameProblem("entity", ["item"])).toBeUndefined();
    expect(loopNameProblem("vars", [])).toContain("is reserved");
    expect(loopNameProblem("entity", ["entity"])).toContain("already the name of an enclosing forEach");
    expect(loopNameProblem("my entity", [])).toContain("is not a name");
    expect(loopNameProblem("1x", [])).toContain("is not a name");
  });
});

describe("dateInTimeZone", () => {
  it("gives the date an instant falls on in the zone", () => {
    expect(dateInTimeZone("2026-10-31T23:30:00Z", "UTC")).toBe("2026-10-31");
    expect(dateInTimeZone("2026-10-31T23:30:00Z", "Europe/Berlin")).toBe("2026-11-01");
    expect(dateInTimeZone("2026-11-01T03:00:00+00:00", "America/New_York")).toBe("2026-10-31");
    expect(dateInTimeZone("2026-10-31T23:30:00", "UTC")).toBe("2026-10-31");
    expect(dateInTimeZone(new Date(Date.UTC(2024, 1, 29, 12)), "Asia/Tokyo")).toBe("2024-02-29");
    expect(dateInTimeZone("2026-10-31", "Pacific/Kiritimati")).toBe("2026-10-31");
  });

  it("refuses what it cannot read", () => {
    expect(dateInTimeZone("yesterday", "UTC")).toBeUndefined();
    expect(dateInTimeZone("2026-10-31T00:00:00Z", "Mars/Olympus")).toBeUndefined();
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Nowhere")).toBe(false);
  });
});
