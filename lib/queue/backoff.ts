import { SupplierError } from "../suppliers/types";

/**
 * Exponential backoff with full jitter, honouring a supplier's Retry-After.
 * attemptsMade counts the failed attempts so far (1 after the first failure).
 */
export function backoffDelay(attemptsMade: number, err: unknown, baseMs: number, capMs = 5 * 60_000, random = Math.random): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
  // Full jitter spreads retries of many orders hitting the same outage.
  const delay = Math.round(exp / 2 + random() * (exp / 2));
  const retryAfter = err instanceof SupplierError ? (err.details.retryAfterMs ?? 0) : 0;
  return Math.max(delay, Math.min(retryAfter, capMs));
}
