import type { Worker } from "bullmq";

/**
 * Forwarding comes first. Behind a burst of orders the worker has less CPU than the work in
 * front of it (it runs niced beside the web process), and every order brings one forward and
 * two emails: run side by side, the emails take most of that CPU and each order reaches its
 * supplier seconds late. So while more than `backlog` forwards are in flight in this process,
 * the email worker keeps only `throttled` slots (its jobs already running finish; it fetches
 * new ones only as it drops below the limit), and it gets its full slots back once forwarding
 * has drained to half of that. Emails keep flowing meanwhile, only slower; nothing is skipped.
 */
export type ForwardsFirst = { started(): void; finished(): void; readonly throttled: boolean };

export function forwardsFirst(email: Pick<Worker, "concurrency">, opts: { full: number; throttled: number; backlog: number }): ForwardsFirst {
  const throttledSlots = Math.max(1, Math.min(opts.throttled, opts.full));
  let inFlight = 0;
  let throttled = false;
  const set = (on: boolean) => {
    if (on === throttled) return;
    throttled = on;
    email.concurrency = on ? throttledSlots : opts.full;
  };
  return {
    started() {
      inFlight++;
      if (inFlight > opts.backlog) set(true);
    },
    finished() {
      inFlight = Math.max(0, inFlight - 1);
      if (inFlight <= Math.floor(opts.backlog / 2)) set(false);
    },
    get throttled() {
      return throttled;
    },
  };
}
