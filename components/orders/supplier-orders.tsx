import type { OrderDto } from "@/lib/orders/order-dto";
import { trackingUrl } from "@/lib/tracking-url";
import { StatusBadge } from "@/components/ui/status-badge";
import { Card, EmptyState, td, th, ScrollX } from "@/components/ui/ui";

/** Where each part of the order went; ops also see attempts and the last error. */
export function SupplierOrders({ order, ops = false }: { order: OrderDto; ops?: boolean }) {
  return (
    <Card title={ops ? "Supplier orders" : "Shipments"}>
      {order.supplierOrders.length === 0 ? (
        <EmptyState title={ops ? "Not forwarded yet" : "Being prepared"}>
          {ops ? "The order is queued for its supplier." : "Your order is being passed on for fulfilment."}
        </EmptyState>
      ) : (
        <ScrollX>
          <table className="w-full text-sm" data-testid="supplier-orders">
            <thead className="bg-slate-50/80 text-left">
              <tr>
                <th className={th}>{ops ? "Supplier" : "Parcel"}</th>
                {ops ? <th className={th}>Supplier order</th> : null}
                <th className={th}>Status</th>
                <th className={th}>Tracking</th>
                {ops ? <th className={`${th} text-right`}>Attempts</th> : null}
              </tr>
            </thead>
            <tbody>
              {order.supplierOrders.map((s, i) => {
                return (
                  <tr key={`${s.supplier ?? "parcel"}-${s.supplierOrderId ?? i}`} data-testid="supplier-order" className="border-t border-slate-100 align-top">
                    <td className={`${td} font-medium`}>{ops ? s.supplier : `Parcel ${s.shipment ?? i + 1}`}</td>
                    {ops ? <td className={`${td} font-mono text-[12px] text-slate-600`}>{s.supplierOrderId ?? "—"}</td> : null}
                    <td className={td}>
                      <StatusBadge status={s.status} testId="supplier-order-status" />
                      {s.lastError && ops ? (
                        <div className="mt-1 max-w-md text-xs text-red-700" data-testid="supplier-order-error">
                          {s.lastError}
                        </div>
                      ) : null}
                    </td>
                    <td className={td} data-testid="tracking">
                      {s.trackingNumber ? (
                        <>
                          {s.carrier ? <span className="mr-1 text-slate-500">{s.carrier}</span> : null}
                          {/* the supplier's link when it sent an http(s) one, else the carrier's page (lib/tracking-url.ts) */}
                          <a
                            href={trackingUrl(s.carrier, s.trackingNumber, s.trackingUrl)}
                            target="_blank"
                            rel="noopener noreferrer"
                            className="font-mono text-[12px] text-sky-700 underline-offset-2 hover:underline"
                            data-testid="tracking-link"
                          >
                            {s.trackingNumber}
                            <span className="sr-only"> (track{s.carrier ? ` with ${s.carrier}` : ""}, opens in a new tab)</span>
                          </a>
                        </>
                      ) : (
                        <span className="text-slate-500">—</span>
                      )}
                    </td>
                    {ops ? <td className={`${td} text-right tabular-nums`}>{s.attempts ?? "—"}</td> : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollX>
      )}
    </Card>
  );
}
