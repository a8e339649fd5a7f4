import { describe, expect, it } from "vitest";
import { selectsTarget } from "./targets.js";

describe("selectsTarget", () => {
  it("is selected by its resolved run id or its own processRun / process.id", () => {
    const only = ["run-1", "proc-1", "other"];
    expect(selectsTarget(only, { type: "processRun", id: "run-1" }, "run-1")).toEqual(["run-1"]);
    expect(selectsTarget(only, { type: "processId", id: "proc-1" }, "run-1")).toEqual(["run-1", "proc-1"]);
    expect(selectsTarget(only, { type: "processId", id: "proc-1" }, undefined)).toEqual(["proc-1"]);
  });

  it("matches a process name only through its resolved run id", () => {
    const only = ["Q4 Close"];
    expect(selectsTarget(only, { type: "processName", name: "Q4 Close" }, undefined)).toEqual([]);
    expect(selectsTarget(["run-9"], { type: "processName", name: "Q4 Close" }, "run-9")).toEqual(["run-9"]);
  });
});
