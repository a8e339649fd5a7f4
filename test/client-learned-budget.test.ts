/**
 * The budgets the client learns from 429s, against the emulator's rate limit over real HTTP with a
 * virtual clock (client and emulator share it; it only moves when someone sleeps): a lower budget
 * announced for the configured window replaces it, a shorter window announced beside it is kept
 * on top of it, and a server that says nothing is probed once and then paced.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ProcessesClient } from "../src/api/client.js";
import type { ClientEvent } from "../src/api/waiting.js";
import type { EmulatorOptions, FaultSpec } from "../src/emulator/emulator-types.js";
import { emulatorClient } from "./helpers/emulator-client.js";
import { startTestEmulator } from "./helpers/test-emulator.js";
import { mostInWindow } from "./helpers/window-count.js";

const open: ProcessesClient[] = [];
afterEach(async () => {
  for (const client of open.splice(0)) await client.close();
});

/** The answers (status, clock time) of `count` reads made one after another. */
async function readInTurn(
  rateLimit: EmulatorOptions["rateLimit"],
  configured: { requests: number; perSeconds: number },
  count: number,
  /** A fault injected after that many reads. */
  inject?: { readonly after: number; readonly fault: FaultSpec },
) {
  let t = 1_000_000;
  const clock = {
    now: () => t,
    sleep: async (ms: number) => {
      t += Math.max(1, ms);
    },
  };
  const emulator = await startTestEmulator({ now: clock.now, rateLimit });
  const answers: { status: number | undefined; at: number }[] = [];
  const client = emulatorClient(emulator.url, {
    rateLimit: configured,
    ...clock,
    random: () => 0.5,
    onEvent: (e: ClientEvent) => {
      if (e.type === "request" && e.path.startsWith("/processes"))
        answers.push({ status: e.status, at: clock.now() });
    },
  });
  open.push(client);
  for (let i = 0; i < count; i++) {
    if (inject?.after === i) emulator.injectFault(inject.fault);
    await client.listProcesses();
  }
  const accepted = answers.filter((a) => a.status === 200).map((a) => a.at);
  return { client, accepted, refused: answers.filter((a) => a.status === 429).length, start: 1_000_000 };
}

describe("the configured budget", () => {
  it("keeps a 2% margin from 50 requests on, none below", async () => {
    const emulator = await startTestEmulator();
    const budgets = (requests: number) => {
      const client = emulatorClient(emulator.url, { rateLimit: { requests, perSeconds: 60 } });
      open.push(client);
      return client.rateBudgets();
    };
    expect(budgets(49)).toEqual([{ limit: 49, ms: 60_000 }]);
    expect(budgets(50)).toEqual([{ limit: 49, ms: 60_000 }]);
    expect(budgets(1000)).toEqual([{ limit: 980, ms: 60_000 }]);
  });
});

describe("budgets learned from the server's 429s", () => {
  it("replaces the configured window's budget with a lower one announced for it: one 429 only", async () => {
    const { client, accepted, refused } = await readInTurn(
      { requests: 10, perSeconds: 60, retryAfter: false },
      { requests: 1000, perSeconds: 60 },
      25,
    );
    expect(accepted).toHaveLength(25);
    expect(refused).toBe(1);
    expect(client.rateBudgets()).toEqual([{ limit: 10, ms: 60_000 }]);
    expect(mostInWindow(accepted, 60_000, "closed")).toBeLessThanOrEqual(10);
  });

  it("keeps the configured window when the server announces a shorter one", async () => {
    const { client, accepted, refused } = await readInTurn(
      { requests: 3, perSeconds: 1, retryAfter: false },
      { requests: 5, perSeconds: 10 },
      12,
    );
    expect(accepted).toHaveLength(12);
    expect(refused).toBe(1);
    expect(client.rateBudgets()).toEqual([
      { limit: 5, ms: 10_000 },
      { limit: 3, ms: 1000 },
    ]);
    // The 429 held one of the configured window's 5 slots too.
    expect(mostInWindow(accepted, 10_000, "closed")).toBeLessThanOrEqual(5);
    expect(mostInWindow(accepted, 1000, "closed")).toBeLessThanOrEqual(3);
  });

  it("learns the budget of a server whose 429s say nothing, then stays under it", async () => {
    const { client, accepted, refused, start } = await readInTurn(
      { requests: 4, perSeconds: 2, retryAfter: false, hints: false },
      { requests: 1000, perSeconds: 60 },
      20,
    );
    expect(accepted).toHaveLength(20);
    const [configured, learned, ...more] = client.rateBudgets();
    expect(configured).toEqual({ limit: 980, ms: 60_000 });
    expect(more).toEqual([]);
    // 4 accepted per the span from the first accepted request to the first answer after the
    // 429s, then refined by trials to within 5 % of the server's 2 s.
    expect(learned?.limit).toBe(4);
    expect(learned?.ms).toBeGreaterThanOrEqual(2000);
    expect(learned?.ms).toBeLessThanOrEqual(Math.max(2100, (accepted[4] as number) - start));
    // Probing the window cost a few 429s; after that, none.
    const firstAfter = accepted[4] as number;
    expect(refused).toBeGreaterThan(0);
    expect(
      mostInWindow(
        accepted.filter((t) => t >= firstAfter),
        2000,
        "closed",
      ),
    ).toBeLessThanOrEqual(4);
  });

  it("lengthens a learned window after a later bare 429, never learning again from a stretch the server's window held", async () => {
    // 4 per 2 s learned first; then one more bare 429 a few requests later. Learned again from the
    // requests since the probe (2 of them, while the server's window still held the earlier ones),
    // the budget would fall to 2; it stays 4 and the window grows by 2 %.
    const rateLimit = { requests: 4, perSeconds: 2, retryAfter: false, hints: false } as const;
    const configured = { requests: 1000, perSeconds: 60 };
    const before = (await readInTurn(rateLimit, configured, 20)).client.rateBudgets()[1];
    const bare429 = { path: "/processes", times: 1, kind: { type: "status-before", status: 429 } } as const;
    const { client, accepted } = await readInTurn(rateLimit, configured, 20, { after: 16, fault: bare429 });
    expect(accepted).toHaveLength(20);
    const [, learned, ...more] = client.rateBudgets();
    expect(more).toEqual([]);
    expect(learned?.limit).toBe(4);
    expect(learned?.ms).toBeGreaterThanOrEqual(Math.ceil((before?.ms as number) * 1.02));
    expect(learned?.ms).toBeLessThanOrEqual((before?.ms as number) * 1.1);
  });
});
