import { describe, expect, it } from "vitest";
import { AUTO_MAX, AUTO_START, autoLimit, createInflightLimit, createLatencyMeter } from "./inflight.js";

const BUDGET = { requests: 1000, perSeconds: 60 };

describe("autoLimit (Little's law)", () => {
  it("keeps budget × latency × 1.5 in flight, starting small", () => {
    expect(autoLimit(BUDGET, undefined)).toBe(AUTO_START);
    expect(autoLimit(BUDGET, 0)).toBe(2);
    // 1000 per 60 s is one request per 60 ms: 480 ms needs 8 in flight, 1 s needs 17.
    expect(autoLimit(BUDGET, 480)).toBe(13);
    expect(autoLimit(BUDGET, 1000)).toBe(26);
    expect(autoLimit(BUDGET, 60_000)).toBe(AUTO_MAX);
    expect(autoLimit({ requests: 5, perSeconds: 1 }, 10_000)).toBe(5);
  });

  it("follows the observed latency", () => {
    const meter = createLatencyMeter(0.5);
    expect(meter.current()).toBeUndefined();
    meter.sample(100);
    meter.sample(300);
    expect(meter.current()).toBe(200);
    meter.sample(Number.NaN);
    expect(meter.current()).toBe(200);
  });
});

describe("createInflightLimit", () => {
  it("never runs more tasks at once than the limit, and runs them all", async () => {
    const meter = createLatencyMeter();
    const slots = createInflightLimit(3, BUDGET, meter);
    let active = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    const tasks = Array.from({ length: 10 }, (_, i) =>
      slots.run(async () => {
        active += 1;
        most = Math.max(most, active);
        await new Promise<void>((resolve) => gates.push(resolve));
        active -= 1;
        return i;
      }),
    );
    let finished = 0;
    for (const t of tasks) t.then(() => finished++);
    while (finished < tasks.length) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.shift()?.();
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(3);
  });

  it("auto grows with the latency observed", () => {
    const meter = createLatencyMeter();
    const slots = createInflightLimit("auto", BUDGET, meter);
    expect(slots.limit()).toBe(AUTO_START);
    meter.sample(1000);
    expect(slots.limit()).toBe(26);
  });
});
