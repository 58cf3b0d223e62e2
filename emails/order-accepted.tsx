import { z } from "zod";
import { Button } from "./components/button";
import { greeting, orderLabel, orderUrl, subjectLine } from "./components/format";
import { EmailLayout } from "./components/layout";
import { sampleOrder, withPreview, type NoProps } from "./components/preview";
import { label, orderBase } from "./components/schemas";
import { textEmail } from "./components/text";
import { s } from "./components/theme";

// To the reseller: the supplier said yes.
export const schema = orderBase.extend({
  /** Set for a split order, where each supplier decides on its own part. */
  supplierName: label.nullish(),
});
export type OrderAcceptedProps = z.output<typeof schema>;

export const previewProps: OrderAcceptedProps = { ...sampleOrder, supplierName: "PhoneX" };

function sentence(p: OrderAcceptedProps): string {
  const who = p.supplierName ? `The supplier (${p.supplierName})` : "The supplier";
  return `${who} has accepted ${orderLabel(p)}. Fulfilment starts next; we will email you when it ships.`;
}

export function subject(p: OrderAcceptedProps): string {
  return subjectLine(`${orderLabel(p)} accepted`);
}

export default function OrderAcceptedEmail(props: OrderAcceptedProps | NoProps) {
  const p = withPreview(props, previewProps);
  return (
    <EmailLayout title={subject(p)} preview={sentence(p)} appUrl={p.appUrl} audience="reseller">
      <h1 style={s.h1}>Your order was accepted</h1>
      <p style={s.p}>{greeting(p.recipientName)}</p>
      <p style={s.p}>{sentence(p)}</p>
      <Button href={orderUrl(p)}>View order</Button>
    </EmailLayout>
  );
}
OrderAcceptedEmail.PreviewProps = previewProps;

export function text(p: OrderAcceptedProps): string {
  return textEmail({
    heading: "Your order was accepted",
    greeting: greeting(p.recipientName),
    body: [sentence(p)],
    action: { label: "View order", url: orderUrl(p) },
    appUrl: p.appUrl,
    audience: "reseller",
  });
}
