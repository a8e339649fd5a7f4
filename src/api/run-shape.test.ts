import { describe, expect, it } from "vitest";
import { parseProcessRun } from "./parse-run.js";
import { inspectRunShape } from "./run-shape.js";

const run = (children: unknown[], rootExtra: object = {}) => ({
  id: "run-1",
  status: "running",
  root: { id: "root", parallel: false, children, ...rootExtra },
});

describe("inspectRunShape", () => {
  it("counts jobs, groups and generated job runs as parseProcessRun reads them", () => {
    const body = run([
      { id: "j1", action: "sendTask", arguments: {} },
      {
        type: "groupRun",
        groupRun: { id: "g1", name: "G", children: [{ id: "j2", arguments: { type: "sendTask" } }] },
      },
      { id: "g2", parallel: true, readOnly: true, children: [{ id: "j3", action: "sendTask" }] },
      { id: "c1", action: "certification", children: [{ id: "gen1", action: "certificationXGenerated" }] },
      { id: "j4", action: "certificationSignoffGenerated" },
    ]);
    expect(inspectRunShape(body)).toEqual({
      counts: { jobs: 3, groups: 2, generated: 3, unknown: 0 },
      unknown: [],
    });
    expect(() => parseProcessRun(body)).not.toThrow();
  });

  it("lists every unknown node where parseProcessRun stops at the first", () => {
    const body = run([
      { id: "u1", colour: "blue" },
      { id: "g1", parallel: true, children: [{ id: 7, widget: {} }, "text"] },
      { name: "no id" },
    ]);
    expect(inspectRunShape(body)).toEqual({
      counts: { jobs: 0, groups: 1, generated: 0, unknown: 4 },
      unknown: [
        {
          id: "u1",
          path: "root.children.0",
          keys: ["colour", "id"],
          reason: expect.stringContaining("neither"),
        },
        { path: "root.children.2", keys: ["name"], reason: "no id" },
        { id: "7", path: "root.children.1.children.0", keys: ["id", "widget"], reason: expect.any(String) },
        { path: "root.children.1.children.1", keys: ["string"], reason: "not an object" },
      ],
    });
    expect(() => parseProcessRun(body)).toThrow(/root.children.0 \(id u1\)/);
  });

  it("counts an unknown wrapper and a wrapper whose type contradicts its payload as unknown", () => {
    const body = run([
      { type: "milestone", milestone: { id: "ms-1", name: "Close" } },
      { type: "jobRun", groupRun: { id: "g-2", parallel: false, children: [] } },
    ]);
    expect(inspectRunShape(body).unknown).toEqual([
      {
        path: "root.children.0",
        keys: ["milestone", "type"],
        reason: 'a wrapper of unknown type "milestone"',
      },
      {
        id: "g-2",
        path: "root.children.1",
        keys: ["groupRun", "type"],
        reason: 'a wrapper whose type "jobRun" contradicts its `groupRun` payload',
      },
    ]);
  });

  it("a body without a root has no nodes", () => {
    expect(inspectRunShape({ id: "r" }).counts).toEqual({ jobs: 0, groups: 0, generated: 0, unknown: 0 });
    expect(inspectRunShape("nope").unknown).toEqual([]);
  });
});
