import { z } from "zod";
import { Button } from "./components/button";
import { Facts } from "./components/facts";
import { formatMoney, greeting, orderLabel, orderUrl, subjectLine } from "./components/format";
import { EmailLayout } from "./components/layout";
import { OrderLinesTable, type Totals } from "./components/order-lines-table";
import { sampleOrder, withPreview, type NoProps } from "./components/preview";
import { currency, label, money, orderBase, orderLine } from "./components/schemas";
import { textEmail, textLines } from "./components/text";
import { s } from "./components/theme";

// To the reseller: the order is saved and on its way to the supplier.
export const schema = orderBase.extend({
  lines: z.array(orderLine).min(1).max(500),
  currency,
  subtotal: money,
  shipping: money.nullish(),
  /** Defaults to the subtotal: the portal prices shipping separately today. */
  total: money.nullish(),
  shippingAddress: z
    .object({
      name: label,
      company: label.nullish(),
      line1: label,
      line2: label.nullish(),
      city: label,
      region: label.nullish(),
      postalCode: label,
      country: label,
    })
    .nullish(),
});
export type OrderPlacedProps = z.output<typeof schema>;

export const previewProps: OrderPlacedProps = {
  ...sampleOrder,
  lines: [
    { sku: "IPHONE12-64GB-A", name: "iPhone 12 64GB Grade A", quantity: 10, unitPrice: "231.00", lineTotal: "2310.00" },
    { sku: "SM-S911-128-B", name: "Galaxy S23 128GB Grade B", quantity: 4, unitPrice: "289.50", lineTotal: "1158.00" },
  ],
  currency: "USD",
  subtotal: "3468.00",
  shippingAddress: {
    name: "Worldtech Receiving",
    company: "Worldtech Mobile",
    line1: "1200 Commerce Blvd",
    line2: "Dock 4",
    city: "Miami",
    region: "FL",
    postalCode: "33166",
    country: "US",
  },
};

function totals(p: OrderPlacedProps): Totals {
  return { subtotal: p.subtotal, shipping: p.shipping, total: p.total ?? p.subtotal, currency: p.currency };
}

function address(p: OrderPlacedProps): string[] {
  const a = p.shippingAddress;
  if (!a) return [];
  return [a.name, a.company, a.line1, a.line2, [a.city, a.region, a.postalCode].filter(Boolean).join(", "), a.country].filter((x): x is string => !!x);
}

export function subject(p: OrderPlacedProps): string {
  return subjectLine(`${orderLabel(p)} received: ${formatMoney(p.total ?? p.subtotal, p.currency)}`);
}

export default function OrderPlacedEmail(props: OrderPlacedProps | NoProps) {
  const p = withPreview(props, previewProps);
  const units = p.lines.reduce((n, l) => n + l.quantity, 0);
  return (
    <EmailLayout title={subject(p)} preview={`We received your order of ${units} units.`} appUrl={p.appUrl} audience="reseller">
      <h1 style={s.h1}>Thank you, we received your order</h1>
      <p style={s.p}>{greeting(p.recipientName)}</p>
      <p style={s.p}>
        {orderLabel(p)} is confirmed and is being sent to the supplier now. We will email you when the supplier accepts it and again when it ships.
      </p>
      <OrderLinesTable lines={p.lines} totals={totals(p)} />
      {p.shippingAddress ? <Facts rows={[["Ship to", address(p).map((l, i) => <div key={i}>{l}</div>)]]} /> : null}
      <Button href={orderUrl(p)}>View order</Button>
    </EmailLayout>
  );
}
OrderPlacedEmail.PreviewProps = previewProps;

export function text(p: OrderPlacedProps): string {
  const ship = address(p);
  return textEmail({
    heading: "Thank you, we received your order",
    greeting: greeting(p.recipientName),
    body: [
      `${orderLabel(p)} is confirmed and is being sent to the supplier now. We will email you when the supplier accepts it and again when it ships.`,
      textLines(p.lines, totals(p)),
      ship.length > 0 && `Ship to:\n${ship.map((l) => `  ${l}`).join("\n")}`,
    ],
    action: { label: "View order", url: orderUrl(p) },
    appUrl: p.appUrl,
    audience: "reseller",
  });
}
