import { z } from "zod";
import { Button } from "./components/button";
import { Facts } from "./components/facts";
import { formatUtc, opsOrderUrl, subjectLine } from "./components/format";
import { EmailLayout } from "./components/layout";
import { sampleOrder, withPreview, type NoProps } from "./components/preview";
import { appUrl, boundedText, label } from "./components/schemas";
import { textEmail, textFacts } from "./components/text";
import { s } from "./components/theme";

// To ops: forwarding gave up after all retries. The reseller is waiting, so
// the mail carries what ops needs to decide (error, supplier, attempts) and
// the one link where they can retry or cancel.
export const schema = z.object({
  appUrl,
  orderId: z.string().trim().min(1).max(100),
  orderNumber: label,
  companyName: label.nullish(),
  supplierName: label.nullish(),
  lastError: boundedText(4000),
  attempts: z.number().int().nonnegative().nullish(),
  failedAt: z.iso.datetime({ offset: true }).nullish(),
});
export type OrderFailedProps = z.output<typeof schema>;

export const previewProps: OrderFailedProps = {
  appUrl: sampleOrder.appUrl,
  orderId: sampleOrder.orderId,
  orderNumber: sampleOrder.orderNumber,
  companyName: "Worldtech Mobile",
  supplierName: "PhoneX",
  lastError: "PhoneX POST /v1/orders answered 503 Service Unavailable (upstream timeout)",
  attempts: 8,
  failedAt: "2025-10-30T18:06:39Z",
};

function sentence(p: OrderFailedProps): string {
  const to = p.supplierName ? ` to ${p.supplierName}` : "";
  const tries = p.attempts ? ` after ${p.attempts} attempts` : "";
  return `Order ${p.orderNumber} could not be forwarded${to}${tries}. It will not be retried automatically: retry or cancel it from the ops page.`;
}

export function subject(p: OrderFailedProps): string {
  return subjectLine(`[Action needed] Order ${p.orderNumber} could not be forwarded${p.supplierName ? ` to ${p.supplierName}` : ""}`);
}

export default function OrderFailedEmail(props: OrderFailedProps | NoProps) {
  const p = withPreview(props, previewProps);
  return (
    <EmailLayout title={subject(p)} preview={p.lastError} appUrl={p.appUrl} audience="ops">
      <h1 style={s.h1}>Order could not be forwarded</h1>
      <p style={s.p}>{sentence(p)}</p>
      <Facts
        rows={[
          ["Order", p.orderNumber],
          ["Reseller", p.companyName],
          ["Supplier", p.supplierName],
          ["Attempts", p.attempts],
          ["Failed at", p.failedAt ? formatUtc(p.failedAt) : null],
        ]}
      />
      <div style={s.callout}>
        <strong>Last error:</strong> {p.lastError}
      </div>
      <Button href={opsOrderUrl(p)}>Open in ops</Button>
    </EmailLayout>
  );
}
OrderFailedEmail.PreviewProps = previewProps;

export function text(p: OrderFailedProps): string {
  return textEmail({
    heading: "Order could not be forwarded",
    body: [
      sentence(p),
      textFacts([
        ["Order", p.orderNumber],
        ["Reseller", p.companyName],
        ["Supplier", p.supplierName],
        ["Attempts", p.attempts],
        ["Failed at", p.failedAt ? formatUtc(p.failedAt) : null],
      ]),
      `Last error:\n${p.lastError}`,
    ],
    action: { label: "Open in ops", url: opsOrderUrl(p) },
    appUrl: p.appUrl,
    audience: "ops",
  });
}
