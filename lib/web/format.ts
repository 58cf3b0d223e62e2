/** Display helpers shared by pages; client-safe. */
import type { OrderStatus } from "../orders/status-model";
import { formatMoney as formatMoneyAmount } from "../money";

/**
 * Money arrives as a decimal string ("1246.00") and is shown in the portal's one format
 * ("$1,246.00", lib/money.ts, the emails' too); nothing yet is "—", and an amount that is not
 * one is shown as it came rather than breaking the page.
 */
export function formatMoney(amount: string | null | undefined, currency = "USD"): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  try {
    return formatMoneyAmount(amount, currency);
  } catch {
    return amount;
  }
}

/** An order may be canceled until something has shipped (docs/api.md status model). */
export function isOrderCancelable(status: OrderStatus): boolean {
  return status === "pending" || status === "submitted" || status === "accepted" || status === "processing" || status === "failed";
}

export { STILL_PLACING } from "../orders/status-model";
const PENDING_TOO_LONG_MS = 5 * 60_000;

/** A reseller's order we cannot place yet: failed, or pending this long. */
export function stillPlacing(o: { status: OrderStatus; createdAt: string }, now = Date.now()): boolean {
  return o.status === "failed" || (o.status === "pending" && now - Date.parse(o.createdAt) > PENDING_TOO_LONG_MS);
}

/** Only same-site paths: an open redirect through ?callbackUrl= must not be possible. */
export function safeCallbackUrl(raw: string | string[] | null | undefined, fallback = "/"): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\") || v.startsWith("/login")) return fallback;
  return v;
}

export function firstParam(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v) ?? "";
}
