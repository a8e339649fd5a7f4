import { describe, expect, it } from "vitest";
import { BudgetProbe } from "./budget-probe.js";

describe("BudgetProbe", () => {
  it("learns N accepted requests per (first accepted send .. first accepted answer after the 429)", () => {
    const probe = new BudgetProbe();
    for (let t = 0; t < 5; t++) expect(probe.accept(1000 + t * 10, 1005 + t * 10)).toBeUndefined();
    probe.refused(1100);
    probe.refused(1110); // a second 429 of the same stretch: the window is no shorter than its send
    expect(probe.accept(1090, 1120)).toBeUndefined(); // sent before the 429 was seen: same window
    probe.refused(1800, 1700); // a probe sent at 1700 still refused: longer than 0.7 s
    expect(probe.accept(2000, 2250)).toEqual({ requests: 6, perSeconds: 1.25, moreThanSeconds: 0.7 });
  });

  it("learns nothing from a 429 before any request was accepted", () => {
    const probe = new BudgetProbe();
    probe.refused(100);
    // Nothing to measure from: no probing starts, and the next acceptance begins a stretch.
    expect(probe.probing).toBe(false);
    expect(probe.accept(200, 210)).toBeUndefined();
  });

  it("starts a new stretch after learning", () => {
    const probe = new BudgetProbe();
    probe.accept(0, 10);
    probe.refused(20);
    expect(probe.accept(500, 510)).toEqual({ requests: 1, perSeconds: 0.51, moreThanSeconds: 0.02 });
    probe.accept(600, 610);
    probe.refused(700);
    expect(probe.accept(1600, 1700)).toEqual({ requests: 2, perSeconds: 1.2, moreThanSeconds: 0.2 });
  });
});
