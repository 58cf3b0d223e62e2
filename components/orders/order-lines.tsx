import { formatCents, toCents } from "@/lib/money";
import { formatMoney } from "@/lib/web/format";
import type { OrderDto } from "@/lib/orders/order-dto";
import { Card, td, th, ScrollX } from "@/components/ui/ui";

/** The order's lines; `showCost` (ops) adds our cost at the supplier and the margin per line. */
export function OrderLines({ order, showCost = false }: { order: OrderDto; showCost?: boolean }) {
  const cost = showCost && order.items.some((i) => i.unitCost !== undefined);
  return (
    <Card title="Items">
      <ScrollX>
        <table className="w-full text-sm" data-testid="order-lines">
          <thead className="bg-slate-50/80 text-left">
            <tr>
              <th className={th}>Product</th>
              <th className={`${th} text-right`}>Qty</th>
              <th className={`${th} text-right`}>Unit price</th>
              <th className={`${th} text-right`}>Line total</th>
              {cost && <th className={`${th} text-right`}>Our cost</th>}
              {cost && <th className={`${th} text-right`}>Margin</th>}
            </tr>
          </thead>
          <tbody>
            {order.items.map((i, n) => (
              <tr key={`${i.sku}:${n}`} data-testid="order-line" data-sku={i.sku} className="border-t border-slate-100">
                <td className={td}>
                  <div className="font-medium">{i.name}</div>
                  <div className="font-mono text-[11px] text-slate-500">{i.sku}</div>
                </td>
                <td className={`${td} text-right tabular-nums`}>{i.quantity}</td>
                <td className={`${td} text-right tabular-nums`}>{formatMoney(i.unitPrice, order.currency)}</td>
                <td className={`${td} text-right tabular-nums`}>{formatMoney(i.lineTotal, order.currency)}</td>
                {cost && (
                  <td className={`${td} text-right tabular-nums`} data-testid="line-cost">
                    {i.lineCost ? formatMoney(i.lineCost, order.currency) : "–"}
                    {i.supplier && <div className="text-[11px] text-slate-500">{i.supplier}</div>}
                  </td>
                )}
                {cost && (
                  <td className={`${td} text-right tabular-nums ${i.margin && Number(i.margin) < 0 ? "text-red-600" : ""}`} data-testid="line-margin">
                    {i.margin ? formatMoney(i.margin, order.currency) : "–"}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t border-slate-200">
              <td className={`${td} font-medium`} colSpan={3}>
                Subtotal
              </td>
              <td className={`${td} text-right font-semibold tabular-nums`} data-testid="order-subtotal">
                {formatMoney(order.subtotal, order.currency)}
              </td>
              {cost && <td className={`${td} text-right tabular-nums`}>{formatMoney(sum(order.items.map((i) => i.lineCost)), order.currency)}</td>}
              {cost && (
                <td className={`${td} text-right font-semibold tabular-nums`} data-testid="order-margin">
                  {formatMoney(sum(order.items.map((i) => i.margin)), order.currency)}
                </td>
              )}
            </tr>
          </tfoot>
        </table>
      </ScrollX>
    </Card>
  );
}

function sum(values: (string | null | undefined)[]): string {
  return formatCents(values.reduce((a, v) => a + toCents(v ?? 0), 0));
}
