import "server-only";
import { createHash } from "node:crypto";
import { env } from "../env";
import { clientAddress, hitRateLimit } from "../api/rate-limit";

/**
 * Sign-in attempts, counted per account and per address before the password is checked, the
 * same whether the account exists or not (the answer gives nothing away). Returns the seconds
 * to wait, or 0.
 */
export async function signInWait(email: string, headers: Headers): Promise<number> {
  const e = env();
  const account = createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
  const [a, b] = await Promise.all([
    hitRateLimit(`signin:account:${account}`, e.SIGNIN_LIMIT_PER_ACCOUNT, e.SIGNIN_WINDOW_SECONDS),
    hitRateLimit(`signin:address:${clientAddress(headers)}`, e.SIGNIN_LIMIT_PER_ADDRESS, e.SIGNIN_WINDOW_SECONDS),
  ]);
  return Math.max(a, b);
}
