import { formatMoney } from "@/lib/web/format";
import type { Order } from "@/lib/web/types";
import { Card, td, th } from "./ui";

export function OrderLines({ order }: { order: Order }) {
  return (
    <Card title="Items">
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="order-lines">
          <thead className="bg-slate-50/80 text-left">
            <tr>
              <th className={th}>Product</th>
              <th className={`${th} text-right`}>Qty</th>
              <th className={`${th} text-right`}>Unit price</th>
              <th className={`${th} text-right`}>Line total</th>
            </tr>
          </thead>
          <tbody>
            {order.items.map((i) => (
              <tr key={i.sku} data-testid="order-line" data-sku={i.sku} className="border-t border-slate-100">
                <td className={td}>
                  <div className="font-medium">{i.name}</div>
                  <div className="font-mono text-[11px] text-slate-400">{i.sku}</div>
                </td>
                <td className={`${td} text-right tabular-nums`}>{i.quantity}</td>
                <td className={`${td} text-right tabular-nums`}>{formatMoney(i.unitPrice, order.currency)}</td>
                <td className={`${td} text-right tabular-nums`}>{formatMoney(i.lineTotal, order.currency)}</td>
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
            </tr>
          </tfoot>
        </table>
      </div>
    </Card>
  );
}
