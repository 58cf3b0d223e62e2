"use client";
import { formatCents, toCents } from "@/lib/money";
import { formatMoney } from "@/lib/web/format";
import { useCart } from "./cart-context";
import { btn, td, th } from "@/components/ui/ui";

/**
 * The cart's lines, editable. Used by the cart page and by checkout, where a
 * line the server refused (out of stock, unknown SKU) shows its reason.
 */
export function CartLines({ editable = true }: { editable?: boolean }) {
  const { lines, lineErrors, setQuantity, remove, subtotal } = useCart();
  return (
    <table className="w-full text-sm" data-testid="cart-lines">
      <thead className="bg-slate-50/80 text-left">
        <tr>
          <th className={th}>Product</th>
          <th className={`${th} text-right`}>Unit price</th>
          <th className={`${th} text-right`}>Qty</th>
          <th className={`${th} text-right`}>Line total</th>
          {editable ? (
            <th className={th}>
              <span className="sr-only">Remove</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => {
          const problem = lineErrors[l.sku];
          return (
            <tr key={l.sku} data-testid="cart-line" data-sku={l.sku} className={`border-t border-slate-100 ${problem ? "bg-red-50/60" : ""}`}>
              <td className={td}>
                <div className="font-medium">{l.name}</div>
                <div className="text-[11px] text-slate-500">
                  <span className="font-mono">{l.sku}</span> · {l.grade} · {l.storage} · {l.color}
                </div>
                {problem ? (
                  <div role="alert" data-testid={`line-error-${l.sku}`} className="mt-1 text-xs font-medium text-red-700">
                    {problem}
                  </div>
                ) : null}
              </td>
              <td className={`${td} text-right tabular-nums`}>{formatMoney(l.price)}</td>
              <td className={`${td} text-right`}>
                {editable ? (
                  <input
                    type="number"
                    min={1}
                    step={1}
                    value={l.quantity}
                    aria-label={`Quantity of ${l.name}`}
                    aria-invalid={problem ? true : undefined}
                    data-testid={`cart-qty-${l.sku}`}
                    onChange={(e) => {
                      const n = Number(e.target.value);
                      if (Number.isInteger(n) && n >= 1) setQuantity(l.sku, n);
                    }}
                    className="w-20 rounded-md border border-slate-300 px-2 py-1 text-right text-sm tabular-nums aria-invalid:border-red-400"
                  />
                ) : (
                  <span className="tabular-nums">{l.quantity}</span>
                )}
              </td>
              <td className={`${td} text-right font-medium tabular-nums`}>{formatMoney(formatCents(toCents(l.price) * l.quantity))}</td>
              {editable ? (
                <td className={`${td} text-right`}>
                  <button type="button" className={btn.ghost} data-testid={`remove-${l.sku}`} onClick={() => remove(l.sku)}>
                    Remove
                  </button>
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr className="border-t border-slate-200">
          <td className={`${td} font-medium`} colSpan={3}>
            Subtotal
          </td>
          <td className={`${td} text-right font-semibold tabular-nums`} data-testid="cart-subtotal">
            {formatMoney(subtotal)}
          </td>
          {editable ? <td /> : null}
        </tr>
      </tfoot>
    </table>
  );
}
