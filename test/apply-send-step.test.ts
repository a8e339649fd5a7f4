/**
 * One POST and what its answer proves (send-step.ts), through the real client against the emulator
 * over real HTTP: which insertion items a 400 names (its target, its sub-errors' targets, only an
 * index at the start of a target), an unclear 201, a request that ended every later one; and, with
 * a client that throws what the real one never does, an unclassified failure.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { InsertPosition, JobRunCreateItem } from "../src/api/api-types.js";
import type { ProcessesClient } from "../src/api/client.js";
import { sendStep } from "../src/apply/send-step.js";
import type { FaultSpec } from "../src/emulator/emulator-types.js";
import { SEED } from "./fixtures/apply/scenario.js";
import { emulatorClient } from "./helpers/emulator-client.js";
import { startTestEmulator } from "./helpers/test-emulator.js";

const clients: ProcessesClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
});

const append: InsertPosition = { parentGroupId: null, relativeSiblingId: null, before: null };
const item = (title: string): JobRunCreateItem => ({
  action: "sendTask",
  arguments: { type: "sendTask", sendTaskArgs: { title, assignee: { id: "u1", type: "user" } } },
  triggerType: "whenEligible",
});
const ITEMS = [item("B1"), item("B2"), item("B3")];
/** The step re-sends items 3, 4 and 5 of its insertion. */
const STEP = { position: append, indexes: [3, 4, 5] };

/** Sends STEP to run-b with `kind` as the answer of its POST. */
let emu: Awaited<ReturnType<typeof startTestEmulator>>;

async function send(kind?: FaultSpec["kind"], options: { maxWaitSeconds?: number } = {}) {
  emu = await startTestEmulator({ seed: SEED });
  if (kind) emu.injectFault({ method: "POST", path: "/processRuns/run-b/jobRuns", kind });
  let t = 0;
  const client = emulatorClient(emu.url, {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    random: () => 0.5,
    ...options,
  });
  clients.push(client);
  return sendStep(client, "run-b", STEP, ITEMS);
}

const refused = (fields: Omit<Extract<FaultSpec["kind"], { type: "status-before" }>, "type" | "status">) =>
  send({ type: "status-before", status: 400, ...fields });

const named = async (answer: Promise<Awaited<ReturnType<typeof sendStep>>>) => {
  const a = await answer;
  if (a.kind !== "failed") throw new Error("expected a failure");
  return a.failure.items;
};

describe("the items a 400 names", () => {
  it("maps the target's leading index to the insertion's item", async () => {
    expect(await named(refused({ target: "[1].arguments.sendTaskArgs.assignee" }))).toEqual([4]);
    expect(await named(refused({ target: "jobRuns[2].action" }))).toEqual([5]);
  });

  it("takes every item when the only index is not at the start of the target", async () => {
    expect(await named(refused({ target: "arguments.options[1]" }))).toEqual([3, 4, 5]);
  });

  it("takes every item when the index is past the request's items, or there is no target", async () => {
    expect(await named(refused({ target: "[3].action" }))).toEqual([3, 4, 5]);
    expect(await named(refused({}))).toEqual([3, 4, 5]);
  });

  it("names the items of the sub-errors' targets too, once each, in insertion order", async () => {
    const details = [
      { code: "Invalid", message: "bad title", target: "[2].arguments.sendTaskArgs.title" },
      { code: "Invalid", message: "bad assignee", target: "[0].arguments.sendTaskArgs.assignee" },
      { code: "Invalid", message: "bad again", target: "[2].arguments.sendTaskArgs.title" },
      { code: "Invalid", message: "no target" },
    ];
    expect(await named(refused({ details }))).toEqual([3, 5]);
    expect(await named(refused({ target: "[1].action", details }))).toEqual([3, 4, 5]);
  });

  it("names no items for another status", async () => {
    const answer = await send({ type: "status-before", status: 409, target: "[1].action" });
    expect(answer).toMatchObject({ kind: "failed", failure: { status: 409 } });
    expect(answer.kind === "failed" && "items" in answer.failure).toBe(false);
  });
});

describe("what an answer proves", () => {
  it("a 201 listing every job run once gives their ids, in the order sent", async () => {
    const answer = await send();
    type Run = { root: { children: { jobRun: { id: string; name: string } }[] } };
    const stored = (emu.snapshotRun("run-b") as unknown as Run).root.children.map((c) => c.jobRun);
    expect(stored.map((j) => j.name)).toEqual(["B1", "B2", "B3"]);
    expect(answer).toEqual({ kind: "created", ids: stored.map((j) => j.id) });
  });

  it("a 201 repeating an id is unclear: sent, maybe applied", async () => {
    const answer = await send({
      type: "rewrite-body",
      rewrite: (body) => {
        const list = body as { id: string }[];
        return [list[0], list[1], list[0]];
      },
    });
    expect(answer).toEqual({
      kind: "failed",
      sent: true,
      failure: {
        status: 201,
        outcome: "maybe-applied",
        message: "the API answered 201 with the same id twice",
      },
    });
  });

  it("a 201 with an entry without an id is refused by the client as maybe applied", async () => {
    const answer = await send({
      type: "rewrite-body",
      rewrite: (body) => (body as { id: string }[]).map((j, k) => (k === 1 ? { ...j, id: undefined } : j)),
    });
    expect(answer).toMatchObject({
      kind: "failed",
      sent: true,
      failure: { status: 201, outcome: "maybe-applied" },
    });
  });

  it("a refusal that ends every later request is final; an ordinary one is not", async () => {
    const halted = await send(
      { type: "status-before", status: 429, retryAfter: 999_999 },
      { maxWaitSeconds: 60 },
    );
    expect(halted).toMatchObject({ kind: "failed", failure: { status: 429, final: true } });
    const ordinary = await refused({});
    expect(ordinary.kind === "failed" && "final" in ordinary.failure).toBe(false);
  });

  it("a 400 was sent and rejected; a request that never reached a server was not sent", async () => {
    expect(await refused({})).toMatchObject({ kind: "failed", sent: true, failure: { outcome: "rejected" } });
    const closed = await startTestEmulator({ seed: SEED });
    const client = emulatorClient(closed.url, { sleep: async () => {}, random: () => 0.5 });
    clients.push(client);
    await closed.close();
    expect(await sendStep(client, "run-b", STEP, ITEMS)).toMatchObject({
      kind: "failed",
      sent: false,
      failure: { outcome: "not-sent" },
    });
  });

  it("a failure the client did not classify is taken as maybe applied, with its message", async () => {
    const throwing = (thrown: unknown) => ({
      createJobRuns: async () => {
        throw thrown;
      },
    });
    expect(await sendStep(throwing(new TypeError("socket gone")), "run-b", STEP, ITEMS)).toEqual({
      kind: "failed",
      sent: true,
      failure: { message: "socket gone", outcome: "maybe-applied" },
    });
    expect(await sendStep(throwing("odd"), "run-b", STEP, ITEMS)).toMatchObject({
      failure: { message: "odd", outcome: "maybe-applied" },
    });
  });
});
