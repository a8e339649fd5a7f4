import { describe, expect, it } from "vitest";
import { appendToRoot, drift, plan, run, sendTask } from "../../test/helpers/plan-builders.js";
import { lastLine } from "../../test/helpers/text.js";
import { renderPlanText } from "./plan-text.js";

describe("renderPlanText", () => {
  const changes = plan([
    run("run-a", {
      insertions: [appendToRoot([sendTask("One"), sendTask("Two\u001b[31m")])],
      drift: [drift("Three", [{ field: "dueDate", manifest: "2024-01-01", live: "2024-01-02" }])],
      outOfOrder: [
        {
          node: { kind: "job", id: "j4", label: "Four" },
          groupPath: [],
          source: { file: "m.yaml", line: 9 },
        },
      ],
      unmanaged: 2,
    }),
    run("run-b", { insertions: [appendToRoot([sendTask("Five")])] }),
  ]);

  it("ends with the exact summary line", () => {
    const text = renderPlanText(changes, { color: false });
    expect(text.endsWith("\n")).toBe(true);
    expect(lastLine(text)).toBe("Plan: 3 job runs to create in 2 requests across 2 process runs.");
  });

  it("has no escape characters without colour, even when a title holds one", () => {
    expect(renderPlanText(changes, { color: false })).not.toContain("\u001b");
  });

  it("colours symbols with colour on", () => {
    const text = renderPlanText(changes, { color: true });
    expect(text).toContain("\u001b[32m+\u001b[39m sendTask");
    expect(text).toContain("\u001b[33m!\u001b[39m sendTask");
    expect(text).toContain("\u001b[33m^\u001b[39m job run");
  });

  it("says nothing is to create but something differs, with the report-only note, when only drift is found", () => {
    const text = renderPlanText(
      plan([run("run-a", { drift: [drift("T", [{ field: "dueDate", manifest: "a", live: "b" }])] })]),
      { color: false },
    );
    const lines = text.trimEnd().split("\n");
    expect(lines.at(-1)).toBe(
      "No job runs to create. 1 job run differs from the manifests; jobsync cannot change them.",
    );
    expect(lines.at(-2)).toBe("Drift is reported only: jobsync never changes existing job runs.");
    expect(text).toContain('  # process run run-a "Run run-a" (manifests/run-a.yaml): nothing to create');
  });

  it("prints only the no-changes line for an empty plan", () => {
    expect(renderPlanText(plan([]), { color: false })).toBe("No changes. Job runs match the manifests.\n");
  });

  it("shows diagnostics above the summary line", () => {
    const text = renderPlanText(plan([]), {
      color: false,
      diagnostics: [
        { severity: "warning", file: "m.yaml", line: 2, col: 3, message: "target matches no run" },
      ],
    });
    expect(text).toBe(
      "m.yaml:2:3: warning: target matches no run\n\nNo changes. Job runs match the manifests.\n",
    );
  });
});
