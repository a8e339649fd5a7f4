import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createdJobRunsSchema, parseOrThrow, ResponseShapeError } from "./api-schema.js";
import { fingerprintRun } from "./fingerprint.js";
import type { LiveGroupRun, LiveJobRun, LiveNode } from "./live-types.js";
import { parseProcessRun } from "./parse-run.js";

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../test/fixtures/api/${name}`, import.meta.url), "utf8"));
}

/** `id` lines, indented by depth: a compact picture of the tree. */
function outline(group: LiveGroupRun, depth = 0): string[] {
  return group.children.flatMap((c: LiveNode) =>
    c.kind === "group"
      ? [`${"  ".repeat(depth)}${c.id}/`, ...outline(c, depth + 1)]
      : [`${"  ".repeat(depth)}${c.id}`],
  );
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

describe("parseProcessRun", () => {
  it("reads wrapped children, sorts siblings by ordinal, keeps unknown statuses, drops unknown fields", () => {
    const run = parseProcessRun(fixture("process-run-wrapped.json"));
    expect(run).toMatchObject({
      id: "run-q4close",
      processId: "proc-q4close",
      name: "Q4 Close",
      revision: 7,
    });
    expect(outline(run.root)).toEqual([
      "jr-kickoff",
      "jr-collect-tb",
      "grp-approvals/",
      "  jr-cfo-signoff",
      "jr-publish",
    ]);
    const collect = run.root.children[1] as LiveJobRun;
    expect(collect).toEqual({
      kind: "job",
      id: "jr-collect-tb",
      action: "sendTask",
      title: "Collect trial balance",
      args: {
        title: "Collect trial balance",
        assignee: { id: "user123", type: "user" },
        dueDate: "2024-12-01",
      },
      triggerType: "whenEligible",
      status: "running",
      generated: false,
    });
    expect((run.root.children[3] as LiveJobRun).status).toBe("onHold");
    expect(run.root.children[2]).toMatchObject({
      kind: "group",
      name: "Approvals",
      parallel: true,
      readOnly: false,
    });
    expect(run).not.toHaveProperty("someFutureField");
    expect(run.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads bare children, `processId`, and marks generated certification children", () => {
    const run = parseProcessRun(fixture("process-run-bare.json"));
    expect(run.processId).toBe("proc-annual-2024");
    expect(outline(run.root)).toEqual([
      "grp-drafting/",
      "  jr-draft-mdna",
      "grp-review/",
      "jr-sox-302",
      "grp-cert-generated/",
      "  jr-gen-signer",
      "  jr-gen-cond",
    ]);
    const cert = run.root.children[2] as LiveJobRun;
    expect(cert).toMatchObject({ action: "certification", title: "SOX 302 certification", generated: false });
    const generated = (run.root.children[3] as LiveGroupRun).children as LiveJobRun[];
    expect(generated.map((j) => [j.action, j.title, j.generated])).toEqual([
      ["certificationSignerGenerated", "Sign", true],
      ["certificationConditionalApproverGenerated", "Conditional approval", true],
    ]);
    expect(generated[0]?.args).toEqual({ signer: "user123" });
    expect((run.root.children[0] as LiveGroupRun).children[0]).not.toHaveProperty("triggerType");
  });

  it("rebuilds the tree from parent links when children come flat", () => {
    const run = parseProcessRun(fixture("process-run-flat.json"));
    expect(outline(run.root)).toEqual(["j-top", "g-1/", "  j-in-group-1", "  j-in-group-2"]);
  });

  it("keeps the run's `modified.dateTime`, leniently", () => {
    const withStamp = (modified: unknown) => ({
      ...(fixture("process-run-wrapped.json") as object),
      modified,
    });
    const at = "2025-11-02T08:15:00Z";
    expect(parseProcessRun(withStamp({ dateTime: at, user: { id: "u1" } })).modified).toBe(at);
    expect(parseProcessRun(fixture("process-run-wrapped.json"))).not.toHaveProperty("modified");
    for (const odd of [null, at, { dateTime: 7 }, { dateTime: "" }, { user: { id: "u1" } }]) {
      expect(parseProcessRun(withStamp(odd))).not.toHaveProperty("modified");
    }
  });

  it("names the node when the shape cannot be read", () => {
    const json = clone(fixture("process-run-wrapped.json")) as { root: { children: unknown[] } };
    json.root.children.push({ type: "jobRun", jobRun: { action: "sendTask" } });
    expect(() => parseProcessRun(json)).toThrow(ResponseShapeError);
    expect(() => parseProcessRun(json)).toThrow(/root\.children\.4/);
    expect(() => parseProcessRun({ id: "x", tree: {} })).toThrow(
      "the process run has no `root` group to read its job runs from; its keys: id, tree",
    );
  });

  it("reads a bare node with action or arguments as a job even with children; fails closed on other shapes", () => {
    const json = clone(fixture("process-run-wrapped.json")) as { root: { children: unknown[] } };
    json.root.children.push({
      id: "cert-1",
      action: "certification",
      arguments: { type: "certification", certificationArgs: { title: "SOX 302" } },
      children: [{ id: "gen-1", action: "certificationSignerGenerated", arguments: {} }],
    });
    const run = parseProcessRun(json);
    const cert = run.root.children.find((c) => c.id === "cert-1");
    expect(cert).toMatchObject({ kind: "job", action: "certification", title: "SOX 302" });
    const odd = clone(fixture("process-run-wrapped.json")) as { root: { children: unknown[] } };
    odd.root.children.push({ id: "odd-1", name: "?", widgets: [] });
    expect(() => parseProcessRun(odd)).toThrow(
      "root.children.4 (id odd-1) is neither a job run (no action or arguments) nor a group run (no parallel); its keys: id, name, widgets",
    );
  });

  it("fails closed on an unknown wrapper and on a wrapper whose type contradicts its payload, naming node and keys", () => {
    const withChild = (child: unknown) => {
      const json = clone(fixture("process-run-wrapped.json")) as { root: { children: unknown[] } };
      json.root.children.push(child);
      return json;
    };
    expect(() => parseProcessRun(withChild({ type: "milestone", milestone: { id: "ms-1" } }))).toThrow(
      'root.children.4 is neither a job run nor a group run (a wrapper of unknown type "milestone"); its keys: milestone, type',
    );
    const contradiction = { type: "jobRun", groupRun: { id: "g-9", parallel: false, children: [] } };
    expect(() => parseProcessRun(withChild(contradiction))).toThrow(
      'root.children.4 is a wrapper whose type "jobRun" contradicts its `groupRun` payload; its keys: groupRun, type',
    );
    const agreeing = { type: "groupRun", groupRun: { id: "g-9", parallel: false, children: [] } };
    expect(parseProcessRun(withChild(agreeing)).root.children.some((c) => c.id === "g-9")).toBe(true);
  });

  it("reads created job runs as a bare array or wrapped in data", () => {
    const bare = parseOrThrow(createdJobRunsSchema, fixture("created-job-runs.json"), "created");
    expect(bare).toEqual([{ id: "job-new123", ordinal: 0, parent: "groupinstance-parent-789" }]);
    const wrapped = parseOrThrow(createdJobRunsSchema, { data: [{ id: "a" }, { id: 7 }] }, "created");
    expect(wrapped.map((j) => j.id)).toEqual(["a", "7"]);
  });
});

describe("fingerprintRun", () => {
  const base = fixture("process-run-wrapped.json") as {
    root: { children: { jobRun?: Record<string, unknown>; groupRun?: Record<string, unknown> }[] };
  };
  const fp = (json: unknown) => parseProcessRun(json).fingerprint;

  it("is stable across key order, array order of siblings with ordinals, and statuses", () => {
    const reordered = clone(base);
    reordered.root.children.reverse();
    const args = reordered.root.children.find((c) => c.jobRun?.id === "jr-collect-tb")?.jobRun?.arguments as {
      sendTaskArgs: Record<string, unknown>;
    };
    args.sendTaskArgs = Object.fromEntries(Object.entries(args.sendTaskArgs).reverse());
    expect(fp(reordered)).toBe(fp(base));

    const progressed = clone(base);
    for (const c of progressed.root.children) if (c.jobRun) c.jobRun.status = "complete";
    expect(fp(progressed)).toBe(fp(base));
    expect(fingerprintRun(parseProcessRun(base).root)).toBe(fp(base));
  });

  it("changes with structure, arguments, order, names and trigger types", () => {
    const variants: ((j: typeof base) => void)[] = [
      (j) => j.root.children.pop(),
      (j) => {
        (j.root.children[0]?.jobRun as { ordinal: number }).ordinal = 9;
      },
      (j) => {
        const a = j.root.children[0]?.jobRun?.arguments as { sendTaskArgs: Record<string, unknown> };
        a.sendTaskArgs.dueDate = "2024-12-02";
      },
      (j) => {
        (j.root.children[2]?.groupRun as { name: string }).name = "Approvals 2";
      },
      (j) => {
        (j.root.children[0]?.jobRun as { triggerType: string }).triggerType = "manual";
      },
      (j) => {
        (j.root.children[0]?.jobRun as { id: string }).id = "jr-other";
      },
    ];
    const seen = new Set([fp(base)]);
    for (const change of variants) {
      const v = clone(base);
      change(v);
      seen.add(fp(v));
    }
    expect(seen.size).toBe(variants.length + 1);
  });

  it("parses and fingerprints large runs (2,500 nodes) consistently", () => {
    const children = Array.from({ length: 50 }, (_, g) => ({
      type: "groupRun",
      groupRun: {
        id: `g${g}`,
        name: `Group ${g}`,
        parallel: g % 2 === 0,
        readOnly: false,
        ordinal: g,
        children: Array.from({ length: 49 }, (_, i) => ({
          type: "jobRun",
          jobRun: {
            id: `g${g}-j${i}`,
            action: "sendTask",
            arguments: {
              type: "sendTask",
              sendTaskArgs: { title: `Task ${i}`, assignee: { id: "u", type: "user" } },
            },
            ordinal: 48 - i,
            parent: `g${g}`,
            status: "waiting",
          },
        })),
      },
    }));
    const json = { id: "big", root: { id: "root", parallel: false, readOnly: false, children } };
    const prints = new Set<string>();
    for (let r = 0; r < 5; r++) {
      const run = parseProcessRun(json);
      prints.add(run.fingerprint);
      expect(run.root.children).toHaveLength(50);
      expect((run.root.children[0] as LiveGroupRun).children[0]?.id).toBe("g0-j48");
    }
    expect(prints.size).toBe(1);
  });
});
