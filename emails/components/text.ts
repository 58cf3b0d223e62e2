import { footerText, type Audience } from "./layout";
import { formatMoney } from "./format";
import type { OrderLine } from "./schemas";
import type { Totals } from "./order-lines-table";

/**
 * The plain-text version. Sent alongside the HTML because some clients and
 * most spam filters read it, and a text part that says less than the HTML
 * one scores as spam.
 */
export type TextEmail = {
  heading: string;
  greeting?: string;
  /** Paragraphs; falsy entries are skipped so templates can write `cond && "…"`. */
  body: (string | false | null | undefined)[];
  action?: { label: string; url: string };
  appUrl: string;
  audience: Audience;
};

export function textEmail(e: TextEmail): string {
  const blocks = [
    "PhoneX Portal",
    e.heading,
    e.greeting,
    ...e.body,
    e.action && `${e.action.label}: ${e.action.url}`,
    `-- \n${footerText(e.audience)}\nPhoneX Portal · ${e.appUrl}`,
  ].filter((b): b is string => typeof b === "string" && b.length > 0);
  return `${blocks.join("\n\n")}\n`;
}

/** "Label: value" rows, aligned; rows without a value are skipped. */
export function textFacts(rows: [string, string | number | null | undefined][]): string {
  const shown = rows.filter(([, v]) => v !== null && v !== undefined && v !== "");
  const width = Math.max(...shown.map(([k]) => k.length)) + 2;
  return shown.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`).join("\n");
}

export function textLines(lines: OrderLine[], totals?: Totals): string {
  const currency = totals?.currency ?? "USD";
  const rows = lines.map((l) => `- ${l.quantity} × ${l.name} (${l.sku}) @ ${formatMoney(l.unitPrice, currency)} = ${formatMoney(l.lineTotal, currency)}`);
  if (totals) {
    rows.push(
      "",
      textFacts([
        ["Subtotal", formatMoney(totals.subtotal, currency)],
        ["Shipping", totals.shipping ? formatMoney(totals.shipping, currency) : null],
        ["Total", formatMoney(totals.total, currency)],
      ]),
    );
  }
  return rows.join("\n");
}
