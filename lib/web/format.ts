/** Display helpers shared by pages; client-safe. */
import type { OrderStatus } from "../orders/status-model";

/** Money arrives as a decimal string ("231.00") and is shown as given. */
export function formatMoney(amount: string | null | undefined, currency = "USD"): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  return currency === "USD" ? `$${amount}` : `${amount} ${currency}`;
}

/** An order may be canceled until something has shipped (docs/api.md status model). */
export function isOrderCancelable(status: OrderStatus): boolean {
  return status === "pending" || status === "submitted" || status === "accepted" || status === "processing" || status === "failed";
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
