import { z } from "zod";
import { Button } from "./components/button";
import { Facts } from "./components/facts";
import { greeting, orderLabel, orderUrl, subjectLine } from "./components/format";
import { EmailLayout } from "./components/layout";
import { sampleOrder, withPreview, type NoProps } from "./components/preview";
import { httpUrl, label, orderBase } from "./components/schemas";
import { textEmail, textFacts } from "./components/text";
import { s } from "./components/theme";
import { trackingUrl } from "../lib/tracking-url";

// To the reseller: parcels are on their way. A split order ships in several
// parcels (one per supplier), so this lists every shipment known so far.
const shipment = z.object({
  carrier: label,
  trackingNumber: label,
  /** The supplier's own tracking page when it sends one (CJ does); otherwise derived from the carrier. */
  trackingUrl: httpUrl.nullish(),
  supplierName: label.nullish(),
  /** What is in this parcel, for split orders. */
  items: z.array(z.object({ sku: label, name: label, quantity: z.number().int().positive() })).nullish(),
});

export const schema = orderBase.extend({
  shipments: z.array(shipment).min(1).max(50),
  /** True while other parts of the order have not shipped yet (order status partially_shipped). */
  partial: z.boolean().default(false),
});
export type OrderShippedProps = z.output<typeof schema>;
type Shipment = OrderShippedProps["shipments"][number];

export const previewProps: OrderShippedProps = {
  ...sampleOrder,
  partial: false,
  shipments: [
    {
      carrier: "UPS",
      trackingNumber: "1Z999AA10123456784",
      supplierName: "PhoneX",
      items: [{ sku: "IPHONE12-64GB-A", name: "iPhone 12 64GB Grade A", quantity: 10 }],
    },
  ],
};

function sentence(p: OrderShippedProps): string {
  if (p.partial) return `Part of ${orderLabel(p)} has shipped. The rest follows separately; we will email you when it does.`;
  return p.shipments.length > 1 ? `${orderLabel(p)} has shipped in ${p.shipments.length} parcels.` : `${orderLabel(p)} has shipped.`;
}

function contents(sh: Shipment): string | null {
  return sh.items?.length ? sh.items.map((i) => `${i.quantity} × ${i.name}`).join(", ") : null;
}

export function subject(p: OrderShippedProps): string {
  const first = p.shipments[0]!;
  const tracking = p.shipments.length === 1 ? `: ${first.carrier} ${first.trackingNumber}` : "";
  return subjectLine(`${orderLabel(p)} ${p.partial ? "partly shipped" : "shipped"}${tracking}`);
}

export default function OrderShippedEmail(props: OrderShippedProps | NoProps) {
  const p = withPreview(props, previewProps);
  return (
    <EmailLayout title={subject(p)} preview={sentence(p)} appUrl={p.appUrl} audience="reseller">
      <h1 style={s.h1}>{p.partial ? "Part of your order has shipped" : "Your order has shipped"}</h1>
      <p style={s.p}>{greeting(p.recipientName)}</p>
      <p style={s.p}>{sentence(p)}</p>
      {p.shipments.map((sh, i) => {
        const url = trackingUrl(sh.carrier, sh.trackingNumber, sh.trackingUrl);
        return (
          <Facts
            key={`${sh.carrier}:${sh.trackingNumber}`}
            rows={[
              p.shipments.length > 1 && ["Parcel", `${i + 1} of ${p.shipments.length}`],
              ["Carrier", sh.carrier],
              [
                "Tracking number",
                <span key="number" style={s.mono}>
                  {sh.trackingNumber}
                </span>,
              ],
              [
                "Track",
                <a key="track" href={url} style={s.link}>
                  Track this parcel
                </a>,
              ],
              sh.supplierName ? ["Shipped by", sh.supplierName] : null,
              ["Contents", contents(sh)],
            ]}
          />
        );
      })}
      <Button href={orderUrl(p)}>View order</Button>
    </EmailLayout>
  );
}
OrderShippedEmail.PreviewProps = previewProps;

export function text(p: OrderShippedProps): string {
  const parcels = p.shipments.map((sh, i) =>
    textFacts([
      ["Parcel", p.shipments.length > 1 ? `${i + 1} of ${p.shipments.length}` : null],
      ["Carrier", sh.carrier],
      ["Tracking number", sh.trackingNumber],
      ["Track", trackingUrl(sh.carrier, sh.trackingNumber, sh.trackingUrl)],
      ["Shipped by", sh.supplierName],
      ["Contents", contents(sh)],
    ]),
  );
  return textEmail({
    heading: p.partial ? "Part of your order has shipped" : "Your order has shipped",
    greeting: greeting(p.recipientName),
    body: [sentence(p), ...parcels],
    action: { label: "View order", url: orderUrl(p) },
    appUrl: p.appUrl,
    audience: "reseller",
  });
}
