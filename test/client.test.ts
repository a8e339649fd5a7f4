/**
 * The Processes client's reads and writes against the emulator: paged lists with the name filter,
 * job runs created at a position, and the errors of a rejected, unknown or unreachable request.
 */
import { describe, expect, it } from "vitest";
import {
  calls,
  caught,
  closeAfterTest,
  closedPort,
  seedOf,
  sendTask,
  setup,
  virtualTime,
} from "./helpers/client-setup.js";
import { emulatorClient } from "./helpers/emulator-client.js";

describe("Processes client against the emulator", () => {
  it("follows every page when resolving a list, with the name filter", async () => {
    const many = Array.from({ length: 1203 }, (_, i) => ({
      id: `p-${i}`,
      name: `Close ${String(i).padStart(4, "0")}`,
    }));
    const { emu, api } = await setup({ seed: seedOf([...many, { id: "p-exact", name: "Close" }]) });
    const listed = await api.listProcesses({ nameContains: "Close" });
    expect(listed).toHaveLength(1204);
    expect(new Set(listed.map((p) => p.id)).size).toBe(1204);
    const pages = calls(emu, "GET", "/processes");
    expect(pages).toHaveLength(2);
    expect(pages[0]?.query).toMatchObject({ $filter: "name contains 'Close'", $maxpagesize: "1000" });
    expect(pages[1]?.query.$next).toBeTruthy();
  });

  it("escapes quotes in the name filter", async () => {
    const { emu, api } = await setup({ seed: seedOf([{ id: "p-q", name: "Bob's close" }]) });
    expect((await api.listProcesses({ nameContains: "Bob's" })).map((p) => p.id)).toEqual(["p-q"]);
    expect(calls(emu, "GET", "/processes")[0]?.query.$filter).toBe("name contains 'Bob''s'");
  });

  it("creates job runs at a position and returns them in request order", async () => {
    const { emu, api } = await setup();
    const created = await api.createJobRuns(
      "run-q4close",
      { parentGroupId: null, relativeSiblingId: "jr-kickoff", before: false },
      [sendTask("First"), sendTask("Second")],
    );
    expect(created).toHaveLength(2);
    expect(created.map((c) => c.ordinal)).toEqual([1, 2]);
    const post = calls(emu, "POST", "/jobRuns")[0];
    expect(post?.query).toEqual({ relativeSiblingId: "jr-kickoff", before: "false" });
    expect(post?.body).toEqual([sendTask("First"), sendTask("Second")]);
    const run = await api.getProcessRun("run-q4close");
    expect(run.root.children.slice(0, 3).map((c) => c.id)).toEqual([
      "jr-kickoff",
      created[0]?.id,
      created[1]?.id,
    ]);
  });

  it("reports a 400 as rejected with the server's message", async () => {
    const { api } = await setup();
    const bad = { ...sendTask("x"), action: "contentRequest" };
    const position = { parentGroupId: null, relativeSiblingId: null, before: null };
    const error = await caught(api.createJobRuns("run-vendor", position, [bad]));
    expect(error.outcome).toBe("rejected");
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^the API rejected the request \(HTTP 400[^)]*\): \S/);
  });

  it("reports a 404 for an unknown run", async () => {
    const { api } = await setup();
    const error = await caught(api.getProcessRun("run-nope"));
    expect(error).toMatchObject({ status: 404, outcome: "rejected" });
    expect(error.message).toMatch(/^process run run-nope not found \(HTTP 404/);
  });

  it("reports a closed port as not-sent, for GET and POST", async () => {
    const port = await closedPort();
    const base = `http://127.0.0.1:${port}`;
    const clock = virtualTime();
    const api = emulatorClient(base, {
      timeoutMs: 2000,
      credentials: { type: "token", token: "static-token" },
      rateLimit: { requests: 1000, perSeconds: 60 },
      now: clock.now,
      sleep: clock.sleep,
    });
    closeAfterTest(api);
    const get = await caught(api.getProcessRun("run-q4close"));
    expect(get.outcome).toBe("not-sent");
    expect(get.message).toContain("ECONNREFUSED");
    const post = await caught(
      api.createJobRuns("r", { parentGroupId: null, relativeSiblingId: null, before: null }, [sendTask("x")]),
    );
    expect(post.outcome).toBe("not-sent");
    expect(JSON.stringify([post.message, post.details])).not.toContain("static-token");
  });
});
