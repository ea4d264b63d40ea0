import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEventQueue } from "./event-queue.ts";

describe("event queue", () => {
  it("orders by time, then priority, then insertion", () => {
    const q = createEventQueue<string>();
    q.push(5, 1, "c");
    q.push(5, 0, "b");
    q.push(1, 9, "a");
    q.push(5, 1, "d");
    const out: string[] = [];
    while (q.size > 0) out.push(q.pop()!.payload);
    expect(out).toEqual(["a", "b", "c", "d"]);
    expect(q.pop()).toBeUndefined();
  });

  it("pops any sequence of pushes in sorted order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 2 }))),
        (items) => {
          const q = createEventQueue<number>();
          items.forEach(([t, p], i) => q.push(t, p, i));
          const popped: [number, number, number][] = [];
          while (q.size > 0) {
            const e = q.pop()!;
            popped.push([e.timeSeconds, e.priority, e.payload]);
          }
          const expected = items
            .map(([t, p], i) => [t, p, i])
            .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
          expect(popped).toEqual(expected);
        },
      ),
    );
  });
});
