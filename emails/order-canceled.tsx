import { z } from "zod";
import { Button } from "./components/button";
import { greeting, orderLabel, orderUrl, subjectLine } from "./components/format";
import { EmailLayout } from "./components/layout";
import { sampleOrder, withPreview, type NoProps } from "./components/preview";
import { boundedText, label, orderBase } from "./components/schemas";
import { textEmail } from "./components/text";
import { s } from "./components/theme";

// To the reseller: the order is canceled, and who did it. A reseller company
// has several users, so "by whom" answers "did one of us cancel this?".
export const CANCELED_BY = ["reseller", "ops", "supplier", "system"] as const;

export const schema = orderBase.extend({
  canceledBy: z.enum(CANCELED_BY),
  /** The user's name (reseller, ops) or the supplier's name. */
  canceledByName: label.nullish(),
  reason: boundedText(1000).nullish(),
});
export type OrderCanceledProps = z.output<typeof schema>;

export const previewProps: OrderCanceledProps = {
  ...sampleOrder,
  canceledBy: "reseller",
  canceledByName: "Maria Lopez",
  reason: "Customer withdrew the purchase order.",
};

export function byWhom(p: Pick<OrderCanceledProps, "canceledBy" | "canceledByName">): string {
  switch (p.canceledBy) {
    case "reseller":
      return p.canceledByName ? `by ${p.canceledByName} from your company` : "by your company";
    case "ops":
      return p.canceledByName ? `by ${p.canceledByName} (PhoneX Portal operations)` : "by PhoneX Portal operations";
    case "supplier":
      return p.canceledByName ? `by the supplier (${p.canceledByName})` : "by the supplier";
    case "system":
      return "automatically by PhoneX Portal";
  }
}

function sentence(p: OrderCanceledProps): string {
  return `${orderLabel(p)} was canceled ${byWhom(p)}. Nothing from this order will ship.`;
}

export function subject(p: OrderCanceledProps): string {
  return subjectLine(`${orderLabel(p)} canceled`);
}

export default function OrderCanceledEmail(props: OrderCanceledProps | NoProps) {
  const p = withPreview(props, previewProps);
  return (
    <EmailLayout title={subject(p)} preview={sentence(p)} appUrl={p.appUrl} audience="reseller">
      <h1 style={s.h1}>Your order was canceled</h1>
      <p style={s.p}>{greeting(p.recipientName)}</p>
      <p style={s.p}>{sentence(p)}</p>
      {p.reason ? (
        <p style={s.p}>
          <strong>Reason:</strong> {p.reason}
        </p>
      ) : null}
      <Button href={orderUrl(p)}>View order</Button>
    </EmailLayout>
  );
}
OrderCanceledEmail.PreviewProps = previewProps;

export function text(p: OrderCanceledProps): string {
  return textEmail({
    heading: "Your order was canceled",
    greeting: greeting(p.recipientName),
    body: [sentence(p), p.reason && `Reason: ${p.reason}`],
    action: { label: "View order", url: orderUrl(p) },
    appUrl: p.appUrl,
    audience: "reseller",
  });
}
