/**
 * Formatting shared by the HTML and the plain-text version, so both always
 * say the same thing in the same words.
 */

/** "2310.00" → "$2,310.00" (other currencies: "2,310.00 EUR"). Works on the string, so no float rounding. */
export function formatMoney(amount: string, currency = "USD"): string {
  const negative = amount.startsWith("-");
  const [whole = "0", cents = "00"] = amount.replace(/^-/, "").split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = negative ? "-" : "";
  return currency === "USD" ? `${sign}$${grouped}.${cents}` : `${sign}${grouped}.${cents} ${currency}`;
}

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
