/**
 * One Idempotency-Key per checkout attempt. An attempt is a given request
 * body: retrying the same body (after a timeout, a 5xx, a reload) reuses the
 * key, so the server can answer with the order it already created instead of
 * making a second one; a changed body is a new attempt with a new key (the
 * old key with a new body would be a 409 idempotency_conflict). Kept in
 * sessionStorage so a reload mid-checkout does not lose the key.
 */
type Attempt = { key: string; body: string };

const storageKey = (userId: string) => `checkout-attempt:v1:${userId}`;

function read(userId: string): Attempt | null {
  try {
    const a = JSON.parse(sessionStorage.getItem(storageKey(userId)) ?? "null") as Attempt | null;
    return a && typeof a.key === "string" && typeof a.body === "string" ? a : null;
  } catch {
    return null;
  }
}

export function keyForAttempt(userId: string, body: string): string {
  const existing = read(userId);
  if (existing && existing.body === body) return existing.key;
  const key = crypto.randomUUID();
  try {
    sessionStorage.setItem(storageKey(userId), JSON.stringify({ key, body }));
  } catch {
    // without storage the key still covers retries from this page view
  }
  return key;
}

/** The attempt got a definite answer (order or client error): the next submit is a new attempt. */
export function endAttempt(userId: string) {
  try {
    sessionStorage.removeItem(storageKey(userId));
  } catch {
    // nothing to clean up
  }
}
