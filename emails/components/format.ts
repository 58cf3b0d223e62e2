/**
 * Formatting shared by the HTML and the plain-text version, so both always
 * say the same thing in the same words.
 */

/** "2310.00" → "$2,310.00": the portal's one money format (lib/money.ts), the same as on its pages. */
export { formatMoney } from "../../lib/money";

/** "Order PXSTKL0000347 (PO-88121)": resellers search their inbox by either. */
export function orderLabel(p: { orderNumber: string; reference?: string | null }): string {
  return p.reference ? `Order ${p.orderNumber} (${p.reference})` : `Order ${p.orderNumber}`;
}

export function orderUrl(p: { appUrl: string; orderId: string }): string {
  return `${p.appUrl}/orders/${encodeURIComponent(p.orderId)}`;
}

export function opsOrderUrl(p: { appUrl: string; orderId: string }): string {
  return `${p.appUrl}/ops/orders/${encodeURIComponent(p.orderId)}`;
}

/** Subjects are one header line; a newline from supplier text must not start a new header. */
export function subjectLine(s: string): string {
  return s
    .replace(/[\r\n\t]+/g, " ")
    .replace(/\s{2,}/g, " ")
    .trim();
}

export function greeting(name?: string | null): string {
  return name ? `Hi ${name},` : "Hello,";
}

/** ISO timestamp → "2025-10-30 18:06 UTC": emails have no idea of the reader's time zone. */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
