import { z } from "zod";
import { Button } from "./components/button";
import { formatMoney, subjectLine } from "./components/format";
import { EmailLayout } from "./components/layout";
import { OrderLinesTable } from "./components/order-lines-table";
import { withPreview, type NoProps } from "./components/preview";
import { appUrl, boundedText, currency, label, money, orderLine } from "./components/schemas";
import { textEmail, textLines } from "./components/text";
import { s } from "./components/theme";

// To ops: a buyer made an offer, or countered ours; it waits in the offer-clearing queue.
export const schema = z.object({
  appUrl,
  offerId: z.string().trim().min(1).max(100),
  offerNumber: label,
  companyName: label,
  event: z.enum(["made", "countered", "withdrawn"]),
  lines: z.array(orderLine).min(1).max(200),
  total: money,
  currency,
  message: boundedText(1000).nullish(),
});
export type OfferForOpsProps = z.output<typeof schema>;

export const previewProps: OfferForOpsProps = {
  appUrl: "https://portal.example.com",
  offerId: "offer-1",
  offerNumber: "OF0001000",
  companyName: "Worldtech Mobile",
  event: "made",
  lines: [{ sku: "IPHONE12-64GB-A", name: "iPhone 12 64GB Grade A", quantity: 10, unitPrice: "215.00", lineTotal: "2150.00" }],
  total: "2150.00",
  currency: "USD",
  message: "10 at 215?",
};

const sentence = (p: OfferForOpsProps) =>
  p.event === "withdrawn"
    ? `${p.companyName} withdrew offer ${p.offerNumber} (${formatMoney(p.total, p.currency)}). Nothing more to do.`
    : `${p.companyName} ${p.event === "made" ? "made offer" : "countered back on offer"} ${p.offerNumber}: ${formatMoney(p.total, p.currency)} in all. It waits in the offer queue.`;
const heading = (p: OfferForOpsProps) => ({ made: "A new offer", countered: "A counter from the buyer", withdrawn: "An offer was withdrawn" })[p.event];

export function subject(p: OfferForOpsProps): string {
  const what = { made: "", countered: " (countered back)", withdrawn: " withdrawn" }[p.event];
  return subjectLine(`Offer ${p.offerNumber} from ${p.companyName}${what}: ${formatMoney(p.total, p.currency)}`);
}

const url = (p: OfferForOpsProps) => `${p.appUrl}/ops/offers`;

export default function OfferForOpsEmail(props: OfferForOpsProps | NoProps) {
  const p = withPreview(props, previewProps);
  return (
    <EmailLayout title={subject(p)} preview={sentence(p)} appUrl={p.appUrl} audience="ops">
      <h1 style={s.h1}>{heading(p)}</h1>
      <p style={s.p}>{sentence(p)}</p>
      {p.message ? <p style={s.callout}>{p.message}</p> : null}
      <OrderLinesTable lines={p.lines} totals={{ subtotal: p.total, total: p.total, currency: p.currency }} />
      <Button href={url(p)}>Open the offer queue</Button>
    </EmailLayout>
  );
}
OfferForOpsEmail.PreviewProps = previewProps;

export function text(p: OfferForOpsProps): string {
  return textEmail({
    heading: heading(p),
    body: [sentence(p), p.message, textLines(p.lines, { subtotal: p.total, total: p.total, currency: p.currency })],
    action: { label: "Open the offer queue", url: url(p) },
    appUrl: p.appUrl,
    audience: "ops",
  });
}
