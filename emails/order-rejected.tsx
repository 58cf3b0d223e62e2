import { z } from "zod";
import { Button } from "./components/button";
import { greeting, orderLabel, orderUrl, subjectLine } from "./components/format";
import { EmailLayout } from "./components/layout";
import { sampleOrder, withPreview, type NoProps } from "./components/preview";
import { boundedText, label, orderBase } from "./components/schemas";
import { textEmail } from "./components/text";
import { s } from "./components/theme";

// To the reseller: the supplier said no, and why (the reason is what they act on).
export const schema = orderBase.extend({
  reason: boundedText(1000),
  supplierName: label.nullish(),
});
export type OrderRejectedProps = z.output<typeof schema>;

export const previewProps: OrderRejectedProps = {
  ...sampleOrder,
  supplierName: "PhoneX",
  reason: "Insufficient stock for IPHONE12-64GB-A: 6 available, 10 requested.",
};

function sentence(p: OrderRejectedProps): string {
  const who = p.supplierName ? `The supplier (${p.supplierName})` : "The supplier";
  return `${who} could not accept ${orderLabel(p)}.`;
}

const NEXT = "You can adjust the order and place it again from the catalog.";

export function subject(p: OrderRejectedProps): string {
  return subjectLine(`${orderLabel(p)} rejected by the supplier`);
}

export default function OrderRejectedEmail(props: OrderRejectedProps | NoProps) {
  const p = withPreview(props, previewProps);
  return (
    <EmailLayout title={subject(p)} preview={`Reason: ${p.reason}`} appUrl={p.appUrl} audience="reseller">
      <h1 style={s.h1}>Your order was rejected</h1>
      <p style={s.p}>{greeting(p.recipientName)}</p>
      <p style={s.p}>{sentence(p)}</p>
      <div style={s.callout}>
        <strong>Reason:</strong> {p.reason}
      </div>
      <p style={s.p}>{NEXT}</p>
      <Button href={orderUrl(p)}>View order</Button>
    </EmailLayout>
  );
}
OrderRejectedEmail.PreviewProps = previewProps;

export function text(p: OrderRejectedProps): string {
  return textEmail({
    heading: "Your order was rejected",
    greeting: greeting(p.recipientName),
    body: [sentence(p), `Reason: ${p.reason}`, NEXT],
    action: { label: "View order", url: orderUrl(p) },
    appUrl: p.appUrl,
    audience: "reseller",
  });
}
