import { describe, expect, it } from "vitest";
import { closestWord, didYouMean, editDistance } from "./did-you-mean.js";

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and neighbour swaps", () => {
    expect(editDistance("title", "title")).toBe(0);
    expect(editDistance("titl", "title")).toBe(1);
    expect(editDistance("titel", "title")).toBe(1);
    expect(editDistance("tilte", "title")).toBe(1);
    expect(editDistance("assignee", "approver")).toBeGreaterThan(3);
  });
});

describe("closestWord / didYouMean", () => {
  const known = ["title", "assignee", "approver", "dueDate", "approverDueDate"];
  it("suggests likely typos and case slips", () => {
    expect(closestWord("asignee", known)).toBe("assignee");
    expect(closestWord("duedate", known)).toBe("dueDate");
    expect(closestWord("approverDuedate", known)).toBe("approverDueDate");
    expect(didYouMean("titel", known)).toBe(" (did you mean `title`?)");
  });
  it("suggests nothing for unrelated words", () => {
    expect(closestWord("colour", known)).toBeUndefined();
    expect(didYouMean("x", known)).toBe("");
  });
});
