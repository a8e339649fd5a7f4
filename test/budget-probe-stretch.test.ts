/**
 * BudgetProbe's stretch between a silent 429 and the first request accepted after it, at its
 * edges: later 429s of the same stretch only raise its lower bound, a request sent the instant the 429 was
 * seen already belongs to the next window, a 429 for a request sent before the stretch began says
 * nothing of it, and a stretch that took no time teaches nothing.
 */
import { describe, expect, it } from "vitest";
import { BudgetProbe } from "../src/api/budget-probe.js";

describe("the probe's stretch", () => {
  it("keeps the first 429's time when more 429s follow", () => {
    const probe = new BudgetProbe();
    for (let i = 0; i < 4; i++) probe.accept(1000, 1005);
    probe.refused(1100);
    probe.refused(1110);
    // Sent after the first 429 was seen: the window has moved on, whatever the later 429s.
    expect(probe.accept(1105, 1120)).toEqual({ requests: 4, perSeconds: 0.12, moreThanSeconds: 0.11 });
  });

  it("counts a request sent the instant the 429 arrived in the next window", () => {
    const probe = new BudgetProbe();
    probe.accept(1000, 1000);
    probe.accept(1000, 1000);
    probe.refused(1000);
    expect(probe.probing).toBe(true);
    expect(probe.accept(1000, 1500)).toEqual({ requests: 2, perSeconds: 0.5, moreThanSeconds: 0 });
    expect(probe.probing).toBe(false);
  });

  it("learns nothing from a stretch that took no time, and is probing only in between", () => {
    const probe = new BudgetProbe();
    expect(probe.probing).toBe(false);
    probe.accept(1000, 1000);
    probe.refused(1000);
    expect(probe.probing).toBe(true);
    expect(probe.accept(1000, 1000)).toBeUndefined();
    expect(probe.probing).toBe(false);
  });

  it("ignores a 429 for a request sent before the stretch began", () => {
    const probe = new BudgetProbe();
    probe.accept(1000, 1010);
    probe.refused(1020, 900);
    expect(probe.probing).toBe(false);
    probe.refused(1030, 1000);
    expect(probe.probing).toBe(true);
  });
});
