import { describe, expect, it } from "vitest";
import { WindowRefinement } from "./window-refinement.js";

describe("WindowRefinement", () => {
  it("halves the gap per trial: accepted lowers the window, refused raises the floor", () => {
    const r = new WindowRefinement(4000, 6000);
    expect(r.nextTrial()).toBe(5000);
    r.start(5000);
    expect(r.nextTrial()).toBeUndefined();
    r.settle("accepted");
    expect(r.ms).toBe(5050); // the middle plus 1 % for clock noise
    expect(r.nextTrial()).toBe(4525);
    r.start(4525);
    r.settle("refused");
    expect(r.ms).toBe(5050);
    expect(r.nextTrial()).toBe(4788);
    r.start(4788);
    r.settle("refused");
    expect(r.nextTrial()).toBe(4919);
    r.start(4919);
    r.settle("refused");
    expect(r.nextTrial()).toBeUndefined(); // 5050 is within 5 % of 4919
    expect(r.ms).toBe(5050);
  });

  it("stops when an accepted middle could no longer shorten the window (small windows)", () => {
    const r = new WindowRefinement(10, 12);
    expect(r.nextTrial()).toBeUndefined(); // the middle, 11, plus its 1 ms slack is the window
    const s = new WindowRefinement(90, 100);
    expect(s.nextTrial()).toBe(95);
    s.start(95);
    s.settle("accepted");
    expect(s.ms).toBe(96);
    expect(s.nextTrial()).toBe(93);
  });

  it("keeps the round trips' noise on top of an accepted middle when it is more than 1 %", () => {
    const r = new WindowRefinement(1000, 2000);
    expect(r.nextTrial(600)).toBeUndefined(); // 1500 + 600 would not shorten 2000
    expect(r.nextTrial(100)).toBe(1500);
    r.start(1500);
    r.settle("accepted", 100);
    expect(r.ms).toBe(1600);
  });

  it("learns nothing from a trial without an answer", () => {
    const r = new WindowRefinement(1000, 2000);
    r.start(1500);
    r.settle(undefined);
    expect(r.ms).toBe(2000);
    expect(r.nextTrial()).toBe(1500);
  });

  it("widens by 2 % (or the noise) after a 429 within the enforced window, and trials no more", () => {
    const r = new WindowRefinement(4000, 6000);
    r.start(5000);
    r.settle("accepted");
    r.widen();
    expect(r.ms).toBe(5151); // 5050 + 2 %
    expect(r.nextTrial()).toBeUndefined();
    r.widen(300);
    expect(r.ms).toBe(5451); // the noise, when it is more
    expect(r.nextTrial()).toBeUndefined();
  });

  it("ignores a trial accepted after a widening refused a longer window", () => {
    const r = new WindowRefinement(4000, 6000);
    r.start(5000);
    r.widen();
    expect(r.ms).toBe(6120);
    r.settle("accepted");
    expect(r.ms).toBe(6120);
    expect(r.nextTrial()).toBeUndefined();
  });

  it("is refined at exactly 5 %, and ignores an answer when no trial was made", () => {
    expect(new WindowRefinement(1000, 1050).nextTrial()).toBeUndefined();
    expect(new WindowRefinement(1000, 1051).nextTrial()).toBe(1026);
    const r = new WindowRefinement(1000, 2000);
    r.settle("accepted");
    r.settle("refused");
    expect(r.ms).toBe(2000);
    expect(r.nextTrial()).toBe(1500);
  });
});
