import { describe, expect, it } from "vitest";
import type { EmulatorSeed } from "../src/emulator/emulator-types.js";
import { apiClient, childrenOf, getToken } from "./helpers/emulator-api.js";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

let emu: TestEmulator;

/** 12 processes: "Close 00".."Close 07" (run at increasing times), "O'Brien review", 3 never run. */
const seed: EmulatorSeed = {
  processes: [
    ...Array.from({ length: 8 }, (_, i) => ({
      id: `p${i}`,
      name: `Close 0${i}`,
      run: { id: `r${i}`, children: [], created: `2025-01-0${i + 1}T00:00:00Z` },
    })),
    {
      id: "obrien",
      name: "O'Brien review",
      run: { id: "r-ob", children: [], created: "2024-06-01T00:00:00Z" },
    },
    { id: "n1", name: "close never 1" },
    { id: "n2", name: "Other never", dueDate: "2025-02-01" },
    { id: "n3", name: "CLOSE never 3" },
  ],
};

async function start() {
  emu = await startTestEmulator({ seed });
  return apiClient(emu.url, await getToken(emu.url));
}

describe("GET /processes", () => {
  it("filters (case-insensitive) across pages by following @nextLink; newest run first, never-run last", async () => {
    const api = await start();
    const filter = encodeURIComponent("name contains 'close'");
    let page = await api.get(`/processes?$filter=${filter}&$maxpagesize=3`);
    const ids: string[] = [];
    const links: string[] = [];
    for (;;) {
      expect(page.status).toBe(200);
      expect(page.json.data.length).toBeLessThanOrEqual(3);
      ids.push(...page.json.data.map((p: { id: string }) => p.id));
      const next = page.json["@nextLink"];
      if (!next) break;
      expect(next.startsWith(`${emu.url}/processes?$next=`)).toBe(true);
      links.push(next);
      page = await api.get(next);
    }
    expect(ids).toEqual(["p7", "p6", "p5", "p4", "p3", "p2", "p1", "p0", "n1", "n3"]);
    expect(links).toHaveLength(3);
  });

  it("returns summaries with the run embedded only when started", async () => {
    const api = await start();
    const res = await api.get("/processes");
    expect(res.json).not.toHaveProperty("@nextLink");
    expect(res.json.data).toHaveLength(12);
    expect(res.json.data[0]).toEqual({
      id: "p7",
      name: "Close 07",
      run: {
        id: "r7",
        status: "running",
        created: { dateTime: "2025-01-08T00:00:00Z", user: expect.any(Object) },
      },
    });
    expect(res.json.data.find((p: { id: string }) => p.id === "n2")).toEqual({
      id: "n2",
      name: "Other never",
      dueDate: "2025-02-01",
    });
  });

  it("handles '' in the filter, empty results, and $orderBy", async () => {
    const api = await start();
    const quoted = await api.get(`/processes?$filter=${encodeURIComponent("name contains 'o''brien'")}`);
    expect(quoted.json.data.map((p: { id: string }) => p.id)).toEqual(["obrien"]);
    const none = await api.get(`/processes?$filter=${encodeURIComponent("name contains 'zzz'")}`);
    expect(none.json).toEqual({ data: [] });
    const byName = await api.get("/processes?$orderBy=name%20desc&$maxpagesize=2");
    expect(byName.json.data.map((p: { name: string }) => p.name)).toEqual(["Other never", "O'Brien review"]);
  });

  it("400 for a bad $maxpagesize, $filter or $next", async () => {
    const api = await start();
    for (const q of [
      "$maxpagesize=0",
      "$maxpagesize=1001",
      "$maxpagesize=abc",
      "$filter=name%20eq%20'x'",
      "$next=garbage",
    ]) {
      const res = await api.get(`/processes?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.json.code).toBe("400BadRequest");
    }
  });
});

describe("GET /processes/{id} and POST /processes/{id}/run", () => {
  it("returns the process with its current run summary; 404 when unknown", async () => {
    const api = await start();
    const res = await api.get("/processes/p3");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: "p3", name: "Close 03", run: { id: "r3", status: "running" } });
    expect((await api.get("/processes/n1")).json).not.toHaveProperty("run");
    const missing = await api.get("/processes/zzz");
    expect(missing).toMatchObject({ status: 404, json: { code: "404NotFound" } });
  });

  it("starts a never-run process (201, becomes current, copies the template); 409 while it runs", async () => {
    emu = await startTestEmulator({
      seed: {
        processes: [
          {
            id: "tpl",
            name: "Template",
            template: {
              children: [
                { id: "t-a", action: "sendTask", args: { title: "A", assigneeUser: "u" } },
                { id: "t-g", group: "G", parallel: true, children: [] },
              ],
            },
          },
        ],
      },
    });
    const api = apiClient(emu.url, await getToken(emu.url));
    const res = await api.post("/processes/tpl/run", { sendProcessCompleteEmail: false });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ process: "tpl", status: "running" });
    const kids = childrenOf(res.json.root);
    expect(kids.map((k) => [k.type, k.name])).toEqual([
      ["jobRun", "A"],
      ["groupRun", "G"],
    ]);
    expect(kids[0]?.id).not.toBe("t-a");
    expect(res.json.root.children[0].jobRun.status).toBe("running");
    expect((await api.get("/processes/tpl")).json.run.id).toBe(res.json.id);
    expect((await api.get(`/processRuns/${res.json.id}`)).status).toBe(200);
    const again = await api.post("/processes/tpl/run");
    expect(again).toMatchObject({ status: 409, json: { code: "409Conflict" } });
    expect((await api.post("/processes/nope/run")).status).toBe(404);
  });
});
