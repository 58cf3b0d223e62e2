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
