/**
 * Money is handled in integer cents and printed as "231.00". Prisma Decimals
 * and strings both come in; floats never leave this file.
 */
export type MoneyLike = string | number | { toString(): string };

export function toCents(v: MoneyLike): number {
  const s = typeof v === "number" ? v.toFixed(2) : v.toString();
  const m = /^(-)?(\d+)(?:\.(\d{1,}))?$/.exec(s.trim());
  if (!m) throw new Error(`Not a money amount: ${s}`);
  const frac = (m[3] ?? "").padEnd(2, "0");
  // round half up on the third decimal
  let cents = Number(m[2]) * 100 + Number(frac.slice(0, 2));
  if (frac.length > 2 && Number(frac[2]) >= 5) cents += 1;
  return m[1] ? -cents : cents;
}

export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export function money(v: MoneyLike): string {
  return formatCents(toCents(v));
}

const USD = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const DECIMAL = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * The one way money is shown to people, on pages and in emails: "$1,246.00", "-$1.50"; other
 * currencies "1,246.00 EUR". Parsed to cents first, so "1246.5" and 1246.5 print the same.
 */
export function formatMoney(v: MoneyLike, currency = "USD"): string {
  const amount = toCents(v) / 100;
  const code = currency.toUpperCase();
  return code === "USD" ? USD.format(amount) : `${DECIMAL.format(amount)} ${code}`;
}
