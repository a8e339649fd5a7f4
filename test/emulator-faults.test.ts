import { beforeEach, describe, expect, it } from "vitest";
import { apiClient, childrenOf, getToken } from "./helpers/emulator-api.js";
import { startTestEmulator, type TestEmulator } from "./helpers/test-emulator.js";

const item = (title: string) => ({
  action: "sendTask",
  arguments: { type: "sendTask", sendTaskArgs: { title, assignee: { id: "user123", type: "user" } } },
});

let emu: TestEmulator;
let api: ReturnType<typeof apiClient>;
beforeEach(async () => {
  emu = await startTestEmulator();
  api = apiClient(emu.url, await getToken(emu.url));
});

const vendorTitles = () => childrenOf(emu.snapshotRun("run-vendor")!.root).map((c) => c.name);
const posts = () => emu.requests.filter((r) => r.method === "POST" && r.path.endsWith("/jobRuns"));

describe("fault injection", () => {
  it("status-before answers the status (with Retry-After) and changes nothing", async () => {
    emu.injectFault({
      method: "POST",
      path: "/jobRuns",
      kind: { type: "status-before", status: 503, retryAfter: 2 },
    });
    const res = await api.post("/processRuns/run-vendor/jobRuns", [item("A")]);
    expect(res.status).toBe(503);
    expect(res.json.code).toBe("503ServiceUnavailable");
    expect(res.headers.get("retry-after")).toBe("2");
    expect(vendorTitles()).toEqual([]);
    // used up: the next one goes through
    expect((await api.post("/processRuns/run-vendor/jobRuns", [item("A")])).status).toBe(201);
    expect(vendorTitles()).toEqual(["A"]);
  });

  it("status-after commits, then answers the status", async () => {
    emu.injectFault({ path: /\/jobRuns$/, kind: { type: "status-after", status: 500 } });
    const res = await api.post("/processRuns/run-vendor/jobRuns", [item("A")]);
    expect(res).toMatchObject({ status: 500, json: { code: "500InternalServerError" } });
    expect(vendorTitles()).toEqual(["A"]);
  });

  it("reset-after commits and the client sees a socket error", async () => {
    emu.injectFault({ method: "POST", path: "/jobRuns", kind: { type: "reset-after" } });
    await expect(api.post("/processRuns/run-vendor/jobRuns", [item("A")])).rejects.toThrow();
    expect(vendorTitles()).toEqual(["A"]);
    expect(posts().map((r) => r.status)).toEqual([0]);
  });

  it("reset-before changes nothing and the client sees a socket error", async () => {
    emu.injectFault({ method: "POST", path: "/jobRuns", kind: { type: "reset-before" } });
    await expect(api.post("/processRuns/run-vendor/jobRuns", [item("A")])).rejects.toThrow();
    expect(vendorTitles()).toEqual([]);
  });

  it("nth and times pick which matching requests get it; other methods do not match", async () => {
    emu.injectFault({
      method: "POST",
      path: "/jobRuns",
      nth: 2,
      times: 2,
      kind: { type: "status-before", status: 503 },
    });
    const statuses: number[] = [];
    for (const t of ["A", "B", "C", "D"]) {
      await api.get("/processRuns/run-vendor");
      statuses.push((await api.post("/processRuns/run-vendor/jobRuns", [item(t)])).status);
    }
    expect(statuses).toEqual([201, 503, 503, 201]);
    expect(vendorTitles()).toEqual(["A", "D"]);
  });

  it("the returned function removes a fault; latency only delays", async () => {
    const remove = emu.injectFault({ path: "/processRuns", kind: { type: "status-before", status: 503 } });
    remove();
    expect((await api.get("/processRuns/run-vendor")).status).toBe(200);
    emu.injectFault({ path: "/processRuns", kind: { type: "latency", ms: 20 } });
    expect((await api.get("/processRuns/run-vendor")).status).toBe(200);
  });
});
