import { z } from "zod";
import { Button } from "./components/button";
import { greeting, orderLabel, orderUrl, subjectLine } from "./components/format";
import { EmailLayout } from "./components/layout";
import { sampleOrder, withPreview, type NoProps } from "./components/preview";
import { label, orderBase } from "./components/schemas";
import { textEmail } from "./components/text";
import { s } from "./components/theme";

// To the reseller: the supplier started picking and packing.
export const schema = orderBase.extend({
  supplierName: label.nullish(),
});
export type OrderProcessingProps = z.output<typeof schema>;

export const previewProps: OrderProcessingProps = { ...sampleOrder, supplierName: "PhoneX" };

function sentence(p: OrderProcessingProps): string {
  const who = p.supplierName ? `${p.supplierName} has` : "The supplier has";
  return `${who} started fulfilling ${orderLabel(p)}: your devices are being picked, tested and packed. We will email you the tracking number as soon as it ships.`;
}

export function subject(p: OrderProcessingProps): string {
  return subjectLine(`${orderLabel(p)} is being prepared`);
}

export default function OrderProcessingEmail(props: OrderProcessingProps | NoProps) {
  const p = withPreview(props, previewProps);
  return (
    <EmailLayout title={subject(p)} preview={sentence(p)} appUrl={p.appUrl} audience="reseller">
      <h1 style={s.h1}>Your order is being prepared</h1>
      <p style={s.p}>{greeting(p.recipientName)}</p>
      <p style={s.p}>{sentence(p)}</p>
      <Button href={orderUrl(p)}>View order</Button>
    </EmailLayout>
  );
}
OrderProcessingEmail.PreviewProps = previewProps;

export function text(p: OrderProcessingProps): string {
  return textEmail({
    heading: "Your order is being prepared",
    greeting: greeting(p.recipientName),
    body: [sentence(p)],
    action: { label: "View order", url: orderUrl(p) },
    appUrl: p.appUrl,
    audience: "reseller",
  });
}
