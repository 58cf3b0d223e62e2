import { z } from "zod";
import { Button } from "./components/button";
import { formatUtc, greeting, orderLabel, orderUrl, subjectLine } from "./components/format";
import { EmailLayout } from "./components/layout";
import { sampleOrder, withPreview, type NoProps } from "./components/preview";
import { orderBase } from "./components/schemas";
import { textEmail } from "./components/text";
import { s } from "./components/theme";

// To the reseller: the carrier reports the parcel(s) delivered.
export const schema = orderBase.extend({
  deliveredAt: z.iso.datetime({ offset: true }).nullish(),
});
export type OrderDeliveredProps = z.output<typeof schema>;

export const previewProps: OrderDeliveredProps = { ...sampleOrder, deliveredAt: "2025-11-03T15:42:00Z" };

function sentence(p: OrderDeliveredProps): string {
  const when = p.deliveredAt ? ` on ${formatUtc(p.deliveredAt)}` : "";
  return `${orderLabel(p)} was delivered${when}. If anything is missing or not as graded, open the order and let us know.`;
}

export function subject(p: OrderDeliveredProps): string {
  return subjectLine(`${orderLabel(p)} delivered`);
}

export default function OrderDeliveredEmail(props: OrderDeliveredProps | NoProps) {
  const p = withPreview(props, previewProps);
  return (
    <EmailLayout title={subject(p)} preview={sentence(p)} appUrl={p.appUrl} audience="reseller">
      <h1 style={s.h1}>Your order was delivered</h1>
      <p style={s.p}>{greeting(p.recipientName)}</p>
      <p style={s.p}>{sentence(p)}</p>
      <Button href={orderUrl(p)}>View order</Button>
    </EmailLayout>
  );
}
OrderDeliveredEmail.PreviewProps = previewProps;

export function text(p: OrderDeliveredProps): string {
  return textEmail({
    heading: "Your order was delivered",
    greeting: greeting(p.recipientName),
    body: [sentence(p)],
    action: { label: "View order", url: orderUrl(p) },
    appUrl: p.appUrl,
    audience: "reseller",
  });
}
