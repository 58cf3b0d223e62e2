import type { OrderDto } from "@/lib/orders/order-dto";
import { Card } from "@/components/ui/ui";

export function OrderAddress({ order }: { order: OrderDto }) {
  const a = order.shippingAddress;
  const cityLine = [a.city, a.region, a.postalCode].filter(Boolean).join(", ");
  return (
    <Card title="Ship to">
      <address className="px-4 py-3 text-sm not-italic leading-6 text-slate-700" data-testid="shipping-address">
        {[a.name, a.company, a.line1, a.line2, cityLine, a.country, a.phone].filter(Boolean).map((line, i) => (
          <div key={i} className={i === 0 ? "font-medium text-slate-900" : ""}>
            {line}
          </div>
        ))}
      </address>
      {order.reference || order.notes ? (
        <dl className="space-y-1 border-t border-slate-100 px-4 py-3 text-sm">
          {order.reference ? (
            <div className="flex gap-2">
              <dt className="w-20 shrink-0 text-slate-500">Reference</dt>
              <dd data-testid="order-reference">{order.reference}</dd>
            </div>
          ) : null}
          {order.notes ? (
            <div className="flex gap-2">
              <dt className="w-20 shrink-0 text-slate-500">Notes</dt>
              <dd className="whitespace-pre-wrap">{order.notes}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
    </Card>
  );
}
