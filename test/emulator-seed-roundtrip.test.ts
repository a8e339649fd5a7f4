import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSeed } from "../src/emulator/seed.js";
import { anySeed } from "./helpers/seed-arbitraries.js";

describe("emulator seed round trip", () => {
  it("reads back every seed exactly as it was written, at every depth", () => {
    fc.assert(
      fc.property(anySeed, (seed) => {
        const written = JSON.parse(JSON.stringify(seed));
        const back = parseSeed(written);
        // Compared strictly with what was written (fast-check dictionaries may have a null prototype).
        expect(back).toStrictEqual(written);
        expect(back).toEqual(seed);
      }),
      { numRuns: 300 },
    );
  });
});
