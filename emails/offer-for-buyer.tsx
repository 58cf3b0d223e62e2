import { z } from "zod";
import { Button } from "./components/button";
import { formatMoney, formatUtc, greeting, subjectLine } from "./components/format";
import { EmailLayout } from "./components/layout";
import { OrderLinesTable } from "./components/order-lines-table";
import { withPreview, type NoProps } from "./components/preview";
import { appUrl, boundedText, currency, label, money, orderLine } from "./components/schemas";
import { textEmail, textLines } from "./components/text";
import { s } from "./components/theme";

// To the buyer: we answered their offer (a counter, an acceptance, a decline) or it expired.
export const schema = z.object({
  appUrl,
  offerId: z.string().trim().min(1).max(100),
  offerNumber: label,
  recipientName: label.nullish(),
  event: z.enum(["countered", "accepted", "declined", "expired"]),
  lines: z.array(orderLine).min(1).max(200),
  total: money,
  currency,
  message: boundedText(1000).nullish(),
  holdUntil: z.iso.datetime().nullish(),
});
export type OfferForBuyerProps = z.output<typeof schema>;

export const previewProps: OfferForBuyerProps = {
  appUrl: "https://portal.example.com",
  offerId: "offer-1",
  offerNumber: "OF0001000",
  recipientName: "Maria Lopez",
  event: "countered",
  lines: [{ sku: "IPHONE12-64GB-A", name: "iPhone 12 64GB Grade A", quantity: 10, unitPrice: "225.00", lineTotal: "2250.00" }],
  total: "2250.00",
  currency: "USD",
  message: "We can do 10 at 225.",
  holdUntil: null,
};

const heading = (p: OfferForBuyerProps) =>
  ({ countered: "We countered your offer", accepted: "Your offer was accepted", declined: "Your offer was declined", expired: "Your offer expired" })[p.event];

function sentence(p: OfferForBuyerProps): string {
  switch (p.event) {
    case "countered":
      return `Here are our terms for offer ${p.offerNumber}: ${formatMoney(p.total, p.currency)} in all. Accept them, counter, or decline on the offers page.`;
    case "accepted":
      return `We accepted offer ${p.offerNumber} at ${formatMoney(p.total, p.currency)}${p.holdUntil ? `; the terms are held until ${formatUtc(p.holdUntil)}` : ""}.`;
    case "declined":
      return `We could not accept offer ${p.offerNumber}.`;
    case "expired":
      return `Offer ${p.offerNumber} expired without an agreement. You are welcome to make a new one.`;
  }
}

export function subject(p: OfferForBuyerProps): string {
  return subjectLine(`Offer ${p.offerNumber}: ${{ countered: "countered", accepted: "accepted", declined: "declined", expired: "expired" }[p.event]}`);
}

const url = (p: OfferForBuyerProps) => `${p.appUrl}/offers`;

export default function OfferForBuyerEmail(props: OfferForBuyerProps | NoProps) {
  const p = withPreview(props, previewProps);
  return (
    <EmailLayout title={subject(p)} preview={sentence(p)} appUrl={p.appUrl} audience="reseller">
      <h1 style={s.h1}>{heading(p)}</h1>
      <p style={s.p}>{greeting(p.recipientName)}</p>
      <p style={s.p}>{sentence(p)}</p>
      {p.message ? <p style={s.callout}>{p.message}</p> : null}
      <OrderLinesTable lines={p.lines} totals={{ subtotal: p.total, total: p.total, currency: p.currency }} />
      <Button href={url(p)}>Open offers</Button>
    </EmailLayout>
  );
}
OfferForBuyerEmail.PreviewProps = previewProps;

export function text(p: OfferForBuyerProps): string {
  return textEmail({
    heading: heading(p),
    greeting: greeting(p.recipientName),
    body: [sentence(p), p.message, textLines(p.lines, { subtotal: p.total, total: p.total, currency: p.currency })],
    action: { label: "Open offers", url: url(p) },
    appUrl: p.appUrl,
    audience: "reseller",
  });
}
