/**
 * A binary-heap priority queue of scheduled events ordered by (time, priority, sequence).
 * Sequence is the insertion order, so ties break deterministically.
 */
export interface ScheduledEvent<T> {
  readonly timeSeconds: number;
  readonly priority: number;
  readonly sequence: number;
  readonly payload: T;
}

/** Creates an empty event queue. */
export function createEventQueue<T>() {
  const heap: ScheduledEvent<T>[] = [];
  let sequence = 0;

  const less = (a: ScheduledEvent<T>, b: ScheduledEvent<T>): boolean =>
    a.timeSeconds !== b.timeSeconds
      ? a.timeSeconds < b.timeSeconds
      : a.priority !== b.priority
        ? a.priority < b.priority
        : a.sequence < b.sequence;

  function push(timeSeconds: number, priority: number, payload: T): ScheduledEvent<T> {
    const event = { timeSeconds, priority, sequence: sequence++, payload };
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
    return event;
  }

  function pop(): ScheduledEvent<T> | undefined {
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop() as ScheduledEvent<T>;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }

  return {
    push,
    pop,
    peek: (): ScheduledEvent<T> | undefined => heap[0],
    get size(): number {
      return heap.length;
    },
  };
}

/** The queue type returned by {@link createEventQueue}. */
export type EventQueue<T> = ReturnType<typeof createEventQueue<T>>;
