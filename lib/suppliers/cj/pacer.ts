/**
 * Spaces one CJ account's requests in this process so they stay under the
 * account's QPS (Free 1, Plus 2, Prime 4, Advanced 6; contracts.md §4). Shared
 * by every adapter instance for the account, since the worker builds an adapter
 * per job. Other processes are not counted: if they push the account over, CJ
 * answers 1600200 and the caller retries (transient, retryAfterMs).
 */
const nextSlot = new Map<string, number>();

/** 5 % slack: CJ counts by arrival, and timers and the network add jitter. */
const SLACK = 1.05;

export function createPacer(accountKey: string, perSecond: number, now: () => number = Date.now): () => Promise<void> {
  if (!(perSecond > 0) || !Number.isFinite(perSecond)) return async () => undefined;
  const interval = Math.ceil((1000 / perSecond) * SLACK);
  return async () => {
    const t = now();
    const at = Math.max(t, nextSlot.get(accountKey) ?? 0);
    nextSlot.set(accountKey, at + interval);
    if (at > t) await new Promise((r) => setTimeout(r, at - t));
  };
}
