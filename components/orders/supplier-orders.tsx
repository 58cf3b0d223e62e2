import type { OrderDto } from "@/lib/orders/order-dto";
import { StatusBadge } from "@/components/ui/status-badge";
import { Card, EmptyState, td, th } from "@/components/ui/ui";

/** Only http(s) tracking links are rendered: the URL comes from a supplier. */
function safeUrl(u: string | null | undefined) {
  return u && /^https?:\/\//i.test(u) ? u : null;
}

/** Where each part of the order went; ops also see attempts and the last error. */
export function SupplierOrders({ order, ops = false }: { order: OrderDto; ops?: boolean }) {
  return (
    <Card title={ops ? "Supplier orders" : "Shipments"}>
      {order.supplierOrders.length === 0 ? (
        <EmptyState title={ops ? "Not forwarded yet" : "Being prepared"}>
          {ops ? "The order is queued for its supplier." : "Your order is being passed on for fulfilment."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
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
                const url = safeUrl(s.trackingUrl);
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
                          {url ? (
                            <a
                              href={url}
                              target="_blank"
                              rel="noopener noreferrer"
                              className="font-mono text-[12px] text-sky-700 hover:underline"
                              data-testid="tracking-link"
                            >
                              {s.trackingNumber}
                            </a>
                          ) : (
                            <span className="font-mono text-[12px]">{s.trackingNumber}</span>
                          )}
                        </>
                      ) : (
                        <span className="text-slate-400">—</span>
                      )}
                    </td>
                    {ops ? <td className={`${td} text-right tabular-nums`}>{s.attempts ?? "—"}</td> : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
