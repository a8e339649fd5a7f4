import { describe, expect, it } from "vitest";
import { toManifestArgs } from "./manifest-args.js";

describe("toManifestArgs", () => {
  it("puts title first, then the fields alphabetically, with the user shorthand", () => {
    const args = toManifestArgs("contentRequest", "Fill in", {
      title: "ignored: the live title is passed in",
      section: "s1",
      assignee: { id: "u1", type: "user" },
      approver: { id: "g1", type: "group" },
      document: "d1",
      dueDate: "2025-01-31",
      instructions: "",
    });
    expect(args).toEqual({
      fields: [
        ["title", "Fill in"],
        ["approver", { id: "g1", type: "group" }],
        ["assignee", "u1"],
        ["document", "d1"],
        ["dueDate", "2025-01-31"],
        ["instructions", ""],
        ["section", "s1"],
      ],
      notes: [],
    });
  });

  it("leaves out what the manifest schema rejects or cannot hold exactly, with a note each", () => {
    const args = toManifestArgs("sendTask", "T", {
      assignee: "u1",
      approver: { id: "u2", type: "user", name: "Ann" },
      dueDate: "2025-02-30",
      approverDueDate: "2025-01-01T00:00:00Z",
      document: 7,
      section: "s1",
      permalink: "https://x",
      instructions: null,
    });
    expect(args.fields).toEqual([["title", "T"]]);
    expect(args.notes).toEqual([
      'approver {"id":"u2","type":"user","name":"Ann"} left out: has fields a manifest cannot hold (name)',
      'approverDueDate "2025-01-01T00:00:00Z" left out: expected a date as YYYY-MM-DD, got "2025-01-01T00:00:00Z"',
      'assignee "u1" left out: a bare id, but a manifest\'s bare id stands for { id, type: user }',
      "document 7 left out: expected a string, got 7",
      'dueDate "2025-02-30" left out: expected a date as YYYY-MM-DD, got "2025-02-30"',
      "left out (not manifest fields of sendTask): permalink, section",
    ]);
  });

  it("keeps a principal of an unknown type out", () => {
    expect(toManifestArgs("certification", "C", { assignee: { id: "t", type: "team" } }).notes).toEqual([
      'assignee {"id":"t","type":"team"} left out: not { id, type: user | group }',
    ]);
  });
});
