import { describe, expect, it } from "vitest";
import { WindowRefinement } from "./window-refinement.js";

describe("WindowRefinement", () => {
  it("halves the gap per trial: accepted lowers the window, refused raises the floor", () => {
    const r = new WindowRefinement(4000, 6000);
    expect(r.nextTrial()).toBe(5000);
    r.start(5000);
    expect(r.nextTrial()).toBeUndefined();
    r.settle("accepted");
    expect(r.ms).toBe(5000);
    expect(r.nextTrial()).toBe(4500);
    r.start(4500);
    r.settle("refused");
    expect(r.ms).toBe(5000);
    expect(r.nextTrial()).toBe(4750);
    r.start(4750);
    r.settle("refused");
    expect(r.nextTrial()).toBe(4875);
    r.start(4875);
    r.settle("refused");
    expect(r.nextTrial()).toBeUndefined(); // 5000 is within 5 % of 4875
    expect(r.ms).toBe(5000);
  });

  it("learns nothing from a trial without an answer", () => {
    const r = new WindowRefinement(1000, 2000);
    r.start(1500);
    r.settle(undefined);
    expect(r.ms).toBe(2000);
    expect(r.nextTrial()).toBe(1500);
  });
});
