import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { apiClient, childrenOf, findGroup, getToken } from "./helpers/emulator-api.js";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

const EXAMPLE = JSON.parse(
  readFileSync(new URL("./fixtures/emulator/createjobruns-example.json", import.meta.url), "utf8"),
);

const task = (title: string, extra: Record<string, unknown> = {}) => ({
  action: "sendTask",
  arguments: {
    type: "sendTask",
    sendTaskArgs: { title, assignee: { id: "user123", type: "user" }, ...extra },
  },
  triggerType: "whenEligible",
});

let emu: TestEmulator;
let api: ReturnType<typeof apiClient>;
let clock = Date.parse("2025-01-01T00:00:00Z");

beforeEach(async () => {
  emu = await startTestEmulator({ now: () => clock });
  api = apiClient(emu.url, await getToken(emu.url));
});

const rootNames = async (runId: string) =>
  childrenOf((await api.get(`/processRuns/${runId}`)).json.root).map((c) => c.name);

describe("POST /processRuns/{id}/jobRuns: the page's example", () => {
  it("answers 201 with job runs carrying id, ordinal and parent", async () => {
    const res = await api.post("/processRuns/run-q4close/jobRuns?parentGroupId=grp-approvals", EXAMPLE);
    expect(res.status).toBe(201);
    expect(res.json).toHaveLength(2);
    for (const [i, jr] of res.json.entries()) {
      expect(jr.id).toMatch(/\S/);
      expect(jr.ordinal).toBe(i + 1);
      expect(jr.parent).toBe("grp-approvals");
      expect(jr.action).toBe(EXAMPLE[i].action);
      expect(jr.arguments).toEqual(EXAMPLE[i].arguments);
      expect(jr.triggerType).toBe("whenEligible");
    }
    expect(res.json[0].name).toBe("Review Q4 financial report");
  });

  it("appends to the root without any query, leaving parent out", async () => {
    const res = await api.post("/processRuns/run-vendor/jobRuns", EXAMPLE);
    expect(res.status).toBe(201);
    expect(res.json.map((j: { ordinal: number }) => j.ordinal)).toEqual([0, 1]);
    expect(res.json[0]).not.toHaveProperty("parent");
    const run = (await api.get("/processRuns/run-vendor")).json;
    expect(childrenOf(run.root).map((c) => c.id)).toEqual(res.json.map((j: { id: string }) => j.id));
    expect(run.root.children[0]).toMatchObject({ type: "jobRun", jobRun: { id: res.json[0].id } });
  });
});

describe("placement (§9)", () => {
  it("before=true (and the default) inserts before the sibling", async () => {
    await api.post("/processRuns/run-q4close/jobRuns?relativeSiblingId=jr-publish&before=true", [task("A")]);
    await api.post("/processRuns/run-q4close/jobRuns?relativeSiblingId=jr-publish", [task("B")]);
    expect(await rootNames("run-q4close")).toEqual([
      "Kickoff",
      "Collect trial balance",
      "Approvals",
      "A",
      "B",
      "Publish results",
      "Ad-hoc reconciliation",
    ]);
  });

  it("before=false inserts right after the sibling, contiguously and in request order", async () => {
    const res = await api.post("/processRuns/run-q4close/jobRuns?relativeSiblingId=jr-kickoff&before=FALSE", [
      task("A"),
      task("B"),
      task("C"),
    ]);
    expect(res.status).toBe(201);
    expect(res.json.map((j: { ordinal: number }) => j.ordinal)).toEqual([1, 2, 3]);
    const run = (await api.get("/processRuns/run-q4close")).json;
    const kids = childrenOf(run.root);
    expect(kids.map((c) => c.name)).toEqual([
      "Kickoff",
      "A",
      "B",
      "C",
      "Collect trial balance",
      "Approvals",
      "Publish results",
      "Ad-hoc reconciliation",
    ]);
    expect(kids.map((c) => c.ordinal)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("parentGroupId only appends to the end of that group", async () => {
    await api.post("/processRuns/run-q4close/jobRuns?parentGroupId=grp-approvals", [task("X"), task("Y")]);
    const group = findGroup((await api.get("/processRuns/run-q4close")).json.root, "grp-approvals");
    expect(childrenOf(group).map((c) => [c.name, c.ordinal])).toEqual([
      ["CFO sign-off", 0],
      ["X", 1],
      ["Y", 2],
    ]);
  });

  it("places next to a sibling inside a nested group, with or without a matching parentGroupId", async () => {
    const a = await api.post("/processRuns/run-annual-2024/jobRuns?relativeSiblingId=jr-draft-mdna", [
      task("Before"),
    ]);
    expect(a.status).toBe(201);
    expect(a.json[0]).toMatchObject({ parent: "grp-drafting", ordinal: 0 });
    const b = await api.post(
      "/processRuns/run-annual-2024/jobRuns?parentGroupId=grp-drafting&relativeSiblingId=jr-draft-mdna&before=false",
      [task("After")],
    );
    expect(b.json[0]).toMatchObject({ parent: "grp-drafting", ordinal: 2 });
    const group = findGroup((await api.get("/processRuns/run-annual-2024")).json.root, "grp-drafting");
    expect(childrenOf(group).map((c) => c.name)).toEqual(["Before", "Draft MD&A", "After"]);
  });

  it("bumps revision and modified on the group, its ancestors and the run", async () => {
    const before = (await api.get("/processRuns/run-q4close")).json;
    const approvalsBefore = findGroup(before.root, "grp-approvals");
    clock += 60_000;
    await api.post("/processRuns/run-q4close/jobRuns?parentGroupId=grp-approvals", [task("X")]);
    const after = (await api.get("/processRuns/run-q4close")).json;
    const approvalsAfter = findGroup(after.root, "grp-approvals");
    expect(after.revision).toBe(before.revision + 1);
    expect(after.root.revision).toBe(before.root.revision + 1);
    expect(approvalsAfter.revision).toBe(approvalsBefore.revision + 1);
    expect(approvalsAfter.modified.dateTime).toBe("2025-01-01T00:01:00Z");
    expect(after.modified.dateTime).toBe("2025-01-01T00:01:00Z");
    expect(after.statusCounts.waiting).toBe(before.statusCounts.waiting + 1);
  });

  it("starts eligible new job runs: parallel running group yes, serial only when earlier ones are complete", async () => {
    // grp-review is parallel and running (root of the annual run is parallel)
    const parallel = await api.post("/processRuns/run-annual-2024/jobRuns?parentGroupId=grp-review", [
      task("P1"),
      task("P2"),
      { ...task("P3"), triggerType: "manual" },
    ]);
    expect(parallel.json.map((j: { status: string }) => j.status)).toEqual(["running", "running", "waiting"]);
    // serial root of Q4: after the complete Kickoff -> eligible; the second of the block is not
    const serial = await api.post(
      "/processRuns/run-q4close/jobRuns?relativeSiblingId=jr-kickoff&before=false",
      [task("S1"), task("S2")],
    );
    expect(serial.json.map((j: { status: string }) => j.status)).toEqual(["running", "waiting"]);
    // the running sibling is not re-blocked
    const run = (await api.get("/processRuns/run-q4close")).json;
    expect(run.root.children[3].jobRun).toMatchObject({ id: "jr-collect-tb", status: "running" });
    // appended after a running job in a serial group: waits
    const tail = await api.post("/processRuns/run-q4close/jobRuns", [task("T")]);
    expect(tail.json[0].status).toBe("waiting");
  });
});

describe("errors (validated before any change)", () => {
  const cases: [string, string, unknown, number, string?][] = [
    ["unknown run", "/processRuns/nope/jobRuns", [task("A")], 404],
    [
      "unknown parent",
      "/processRuns/run-q4close/jobRuns?parentGroupId=nope",
      [task("A")],
      404,
      "parentGroupId",
    ],
    [
      "unknown sibling",
      "/processRuns/run-q4close/jobRuns?relativeSiblingId=nope",
      [task("A")],
      404,
      "relativeSiblingId",
    ],
    [
      "parent is a job",
      "/processRuns/run-q4close/jobRuns?parentGroupId=jr-kickoff",
      [task("A")],
      400,
      "parentGroupId",
    ],
    [
      "sibling not in parent",
      "/processRuns/run-q4close/jobRuns?parentGroupId=grp-approvals&relativeSiblingId=jr-kickoff",
      [task("A")],
      400,
      "relativeSiblingId",
    ],
    [
      "bad before",
      "/processRuns/run-q4close/jobRuns?relativeSiblingId=jr-kickoff&before=yes",
      [task("A")],
      400,
      "before",
    ],
    ["not an array", "/processRuns/run-q4close/jobRuns", { action: "sendTask" }, 400, "body"],
    ["empty array", "/processRuns/run-q4close/jobRuns", [], 400, "body"],
    ["malformed JSON", "/processRuns/run-q4close/jobRuns", "[{", 400, "body"],
    [
      "sibling from another run",
      "/processRuns/run-q4close/jobRuns?relativeSiblingId=jr-sox-302",
      [task("A")],
      404,
    ],
  ];
  for (const [name, path, body, status, target] of cases) {
    it(`${name} -> ${status}`, async () => {
      const before = emu.snapshotRun("run-q4close");
      const res = await api.post(path, body);
      expect(res.status).toBe(status);
      expect(res.json.code).toBe(status === 404 ? "404NotFound" : "400BadRequest");
      expect(res.json.message).toMatch(/\S/);
      if (target) expect(res.json.target).toBe(target);
      expect(emu.snapshotRun("run-q4close")).toEqual(before);
    });
  }

  it("an invalid 3rd item changes nothing and is named in target/meta/details", async () => {
    const before = emu.snapshotRun("run-q4close");
    const bad = {
      action: "sendTask",
      arguments: { type: "sendTask", sendTaskArgs: { assignee: { id: "u", type: "user" } } },
    };
    const res = await api.post("/processRuns/run-q4close/jobRuns", [task("A"), task("B"), bad]);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      code: "400BadRequest",
      target: "[2].arguments.sendTaskArgs.title",
      meta: { index: 2, argumentName: "title" },
    });
    expect(res.json.message).toContain("Item 2");
    expect(emu.snapshotRun("run-q4close")).toEqual(before);
  });

  it("rejects each kind of bad item", async () => {
    const items: unknown[] = [
      {
        action: "sendTask",
        arguments: { type: "contentRequest", sendTaskArgs: { title: "t", assigneeUser: "u" } },
      },
      { action: "sendTask", arguments: { type: "sendTask" } },
      {
        action: "certificationSignerGenerated",
        arguments: { type: "certificationSignerGenerated", certSignerArgs: {} },
      },
      { action: "sendTask", arguments: { type: "sendTask", sendTaskArgs: { title: "no assignee" } } },
      {
        action: "contentRequest",
        arguments: {
          type: "contentRequest",
          contentRequestArgs: { title: "t", assignee: { id: "u", type: "user" } },
        },
      },
      {
        action: "sendTask",
        arguments: { type: "sendTask", sendTaskArgs: { title: "t", assignee: { id: "u" } } },
      },
      {
        action: "sendTask",
        arguments: {
          type: "sendTask",
          sendTaskArgs: { title: "t", assigneeUser: "u", dueDate: "2024-13-45" },
        },
      },
      "not an object",
    ];
    for (const [i, item] of items.entries()) {
      const res = await api.post("/processRuns/run-vendor/jobRuns", [item]);
      expect(res.status, `item ${i}`).toBe(400);
      expect(res.json.code).toBe("400BadRequest");
    }
    const ok = { action: "certification", arguments: { type: "certification", certificationArgs: {} } };
    expect((await api.post("/processRuns/run-vendor/jobRuns", [ok])).status).toBe(201);
  });

  it("409 for a complete run and for a read-only group", async () => {
    await emu.close();
    emu = await startTestEmulator({
      seed: {
        processes: [
          { id: "p1", name: "Done", run: { id: "r-done", status: "complete", children: [] } },
          {
            id: "p2",
            name: "RO",
            run: { id: "r-ro", children: [{ id: "g-ro", group: "Signers", readOnly: true, children: [] }] },
          },
        ],
      },
    });
    api = apiClient(emu.url, await getToken(emu.url));
    const done = await api.post("/processRuns/r-done/jobRuns", [task("A")]);
    expect(done.status).toBe(409);
    expect(done.json.code).toBe("409Conflict");
    const ro = await api.post("/processRuns/r-ro/jobRuns?parentGroupId=g-ro", [task("A")]);
    expect(ro.status).toBe(409);
    expect((await api.post("/processRuns/r-ro/jobRuns", [task("A")])).status).toBe(201);
  });
});
