import { describe, expect, it } from "vitest";
import { renderFieldChange, stableJson } from "./field-diff.js";
import { createStyle } from "./style.js";

const plain = createStyle(false);
const color = createStyle(true);
const RED = (s: string) => `\u001b[31m${s}\u001b[39m`;
const GREEN = (s: string) => `\u001b[32m${s}\u001b[39m`;

describe("renderFieldChange", () => {
  it("prints manifest -> live, strings quoted", () => {
    expect(renderFieldChange({ field: "dueDate", manifest: "2024-12-05", live: "2024-12-01" }, plain)).toBe(
      'dueDate: "2024-12-05" -> "2024-12-01"',
    );
  });

  it("highlights only the changed words with colour", () => {
    expect(renderFieldChange({ field: "dueDate", manifest: "2024-12-05", live: "2024-12-01" }, color)).toBe(
      `dueDate: "2024-12-${RED("05")}" -> "2024-12-${GREEN("01")}"`,
    );
  });

  it("compares objects by their JSON with sorted keys", () => {
    const change = {
      field: "assignee",
      manifest: { type: "user", id: "u1" },
      live: { id: "u2", type: "user" },
    };
    expect(renderFieldChange(change, plain)).toBe(
      'assignee: {"id":"u1","type":"user"} -> {"id":"u2","type":"user"}',
    );
    expect(renderFieldChange(change, color)).toBe(
      `assignee: {"id":"${RED("u1")}","type":"user"} -> {"id":"${GREEN("u2")}","type":"user"}`,
    );
  });

  it("says (not set) for a missing side", () => {
    expect(renderFieldChange({ field: "section", manifest: "s1", live: undefined }, plain)).toBe(
      'section: "s1" -> (not set)',
    );
    expect(
      renderFieldChange({ field: "approver", manifest: undefined, live: { id: "a", type: "user" } }, plain),
    ).toBe('approver: (not set) -> {"id":"a","type":"user"}');
  });

  it("shortens long unchanged stretches around the change", () => {
    const before = `${"word ".repeat(20)}business ${"more ".repeat(20)}`;
    const after = `${"word ".repeat(20)}calendar ${"more ".repeat(20)}`;
    expect(renderFieldChange({ field: "instructions", manifest: before, live: after }, plain)).toBe(
      `instructions: "…${"word ".repeat(4)}business${" more".repeat(4)}…" -> "…${"word ".repeat(4)}calendar${" more".repeat(4)}…"`,
    );
    // A word cut in half is left out.
    const cut = renderFieldChange(
      { field: "x", manifest: `${"ab ".repeat(30)}cd`, live: `${"ab ".repeat(30)}ef` },
      plain,
    );
    expect(cut).toBe(`x: "…${" ab".repeat(6)} cd" -> "…${" ab".repeat(6)} ef"`);
  });

  it("escapes control characters inside values", () => {
    const line = renderFieldChange({ field: "title", manifest: "a\nb", live: "a\u001bb" }, plain);
    expect(line).toBe('title: "a\\nb" -> "a\\u001bb"');
  });
});

describe("stableJson", () => {
  it("sorts keys at every depth", () => {
    expect(stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 2 } })).toBe(
      '{"a":{"c":2,"d":[{"y":2,"z":1}]},"b":1}',
    );
  });
});
