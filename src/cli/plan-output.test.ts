import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { memoryIO } from "../../test/helpers/memory-io.js";
import { hugePlan } from "../../test/helpers/plan-builders.js";
import { serializePlan } from "../plan/plan-file.js";
import type { OutStream } from "./cli-types.js";
import { pipeSafe } from "./main.js";
import { writePlan } from "./plan-output.js";

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("writePlan's JSON on a stream that fills (a pipe read slowly)", () => {
  it("waits for the stream to drain after each process run, and writes the same text", async () => {
    const plan = hugePlan(3, 5);
    let text = "";
    let release: (() => void) | undefined;
    const stdout: OutStream = {
      write: (chunk: string) => {
        text += chunk;
        return false; // always full
      },
      drained: () => new Promise<void>((resolve) => (release = resolve)),
    };
    const io = { ...memoryIO(), stdout };
    const done = writePlan(plan, "json", {
      io,
      global: { color: false, debug: false },
      values: {},
      positionals: [],
    });
    const whole = serializePlan(plan);
    const seen: number[] = [];
    for (let waits = 0; waits < 10; waits++) {
      await flush();
      const next = release;
      if (next === undefined) break;
      seen.push(text.length);
      // Nothing more is written until the stream drains.
      await flush();
      expect(text.length).toBe(seen.at(-1));
      release = undefined;
      next();
    }
    await done;
    expect(text).toBe(whole);
    // One wait per process run: the text came in three parts before the end.
    expect(seen).toHaveLength(3);
    expect(seen[0]).toBeLessThan(seen[1] as number);
    expect(seen[2]).toBeLessThan(whole.length);
  });
});

describe("pipeSafe's drained", () => {
  /** A real Writable with a tiny buffer whose writes complete only when `take()` is called. */
  function slowReader() {
    const pending: (() => void)[] = [];
    const stream = new Writable({
      highWaterMark: 8,
      decodeStrings: false,
      write(_chunk, _encoding, callback) {
        pending.push(callback);
      },
    });
    const take = () => {
      for (const cb of pending.splice(0)) cb();
    };
    return { stream: stream as unknown as NodeJS.WriteStream, take };
  }

  it("resolves on drain, and at once after the reader went away", async () => {
    const { stream, take } = slowReader();
    const out = pipeSafe(stream);
    expect(out.write("more than eight bytes")).toBe(false);
    let drained = false;
    const waiting = out.drained?.().then(() => {
      drained = true;
    });
    await flush();
    expect(drained).toBe(false);
    take();
    await waiting;
    expect(drained).toBe(true);
    expect(stream.listenerCount("drain")).toBe(0);
    expect(stream.listenerCount("close")).toBe(0);

    const gone = slowReader();
    const closed = pipeSafe(gone.stream);
    closed.write("more than eight bytes");
    const wait = closed.drained?.();
    gone.stream.emit("error", Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
    await wait;
    await expect(closed.drained?.()).resolves.toBeUndefined();
  });
});
