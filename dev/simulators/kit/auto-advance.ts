/**
 * The per-order timer behind a simulator's autoAdvance knob: one pending step
 * per order, re-armed after each step until the order may not move any more.
 * Keyed by order id so that rescheduling an order replaces its timer instead
 * of stacking a second one (which would make it advance twice per pace).
 */
export function createAutoAdvance<O>(opts: {
  key: (order: O) => string;
  /** Read at every (re)schedule, so a new pace applies from the next step. */
  paceMs: () => number;
  /** False stops the chain: simulator closed, autoAdvance off, order final or waiting. */
  shouldAdvance: (order: O) => boolean;
  /** Takes one step; a falsy result means the order is final. */
  advance: (order: O) => unknown;
}) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  function cancel(order: O) {
    const key = opts.key(order);
    clearTimeout(timers.get(key));
    timers.delete(key);
  }

  function schedule(order: O) {
    cancel(order);
    if (!opts.shouldAdvance(order)) return;
    const key = opts.key(order);
    const t = setTimeout(() => {
      timers.delete(key);
      if (opts.advance(order)) schedule(order);
    }, opts.paceMs());
    timers.set(key, t);
  }

  function stopAll() {
    timers.forEach(clearTimeout);
    timers.clear();
  }

  return {
    schedule,
    cancel,
    stopAll,
    /** After a pace or autoAdvance change: the orders already running follow the new knobs. */
    rescheduleAll(orders: Iterable<O>) {
      stopAll();
      for (const o of orders) schedule(o);
    },
  };
}
