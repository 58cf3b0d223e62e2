"use client";
import { formatCents, toCents } from "@/lib/money";
import { lineAvailability } from "@/lib/web/availability";
import { formatMoney } from "@/lib/web/format";
import { useCart } from "./cart-context";
import { useCurrentStock } from "./use-current-stock";
import { btn, th } from "@/components/ui/ui";

/** A cell: a table cell from `md` up; below, a block of the line's card (the row has the padding). */
const cell = "md:px-3 md:py-2 md:align-middle";

const TONE = { ok: "text-emerald-700", short: "font-medium text-red-700", out: "font-medium text-red-700" } as const;

/**
 * The cart's lines, editable. Used by the cart page and by checkout, where a
 * line the server refused (out of stock, unknown SKU) shows its reason. Each
 * line says how it stands against the product's stock now; below `md` a line
 * is a card (product, then quantity, total and Remove).
 */
export function CartLines({ editable = true }: { editable?: boolean }) {
  const { lines, lineErrors, setQuantity, remove, subtotal } = useCart();
  const current = useCurrentStock(lines.map((l) => l.sku));
  return (
    <table className="block w-full text-sm md:table" data-testid="cart-lines">
      <thead className="hidden bg-slate-50/80 text-left md:table-header-group">
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
      <tbody className="block md:table-row-group">
        {lines.map((l) => {
          const problem = lineErrors[l.sku];
          const available = lineAvailability(l.quantity, l.sku in current ? current[l.sku]! : l.stock);
          return (
            <tr
              key={l.sku}
              data-testid="cart-line"
              data-sku={l.sku}
              className={`grid grid-cols-[auto_minmax(0,1fr)_auto] items-center gap-x-3 gap-y-2 border-t border-slate-100 px-4 py-3 md:table-row md:p-0 ${problem ? "bg-red-50/60" : ""}`}
            >
              <td className={`${cell} col-span-3`}>
                <div className="font-medium">{l.name}</div>
                <div className="text-[11px] text-slate-600">
                  <span className="font-mono">{l.sku}</span> · {l.grade} · {l.storage} · {l.color}
                  <span className="md:hidden"> · {formatMoney(l.price)} each</span>
                </div>
                <div data-testid={`cart-availability-${l.sku}`} data-tone={available.tone} className={`mt-0.5 text-xs ${TONE[available.tone]}`}>
                  {available.label}
                </div>
                {problem ? (
                  <div role="alert" data-testid={`line-error-${l.sku}`} className="mt-1 text-xs font-medium text-red-700">
                    {problem}
                  </div>
                ) : null}
              </td>
              <td className={`${cell} hidden text-right tabular-nums md:table-cell`}>{formatMoney(l.price)}</td>
              <td className={`${cell} md:text-right`}>
                {editable ? (
                  <input
                    type="number"
                    min={1}
                    step={1}
                    value={l.quantity}
                    aria-label={`Quantity of ${l.name}`}
                    aria-invalid={problem || available.tone !== "ok" ? true : undefined}
                    aria-describedby={`cart-availability-${l.sku}`}
                    data-testid={`cart-qty-${l.sku}`}
                    onChange={(e) => {
                      const n = Number(e.target.value);
                      if (Number.isInteger(n) && n >= 1) setQuantity(l.sku, n);
                    }}
                    className="w-20 rounded-md border border-slate-300 px-2 py-1 text-right text-sm tabular-nums aria-invalid:border-red-400"
                  />
                ) : (
                  <span className="tabular-nums">
                    <span className="md:hidden">Qty </span>
                    {l.quantity}
                  </span>
                )}
              </td>
              <td className={`${cell} text-right font-medium tabular-nums ${editable ? "" : "col-span-2"}`}>
                {formatMoney(formatCents(toCents(l.price) * l.quantity))}
              </td>
              {editable ? (
                <td className={`${cell} text-right`}>
                  <button type="button" className={btn.ghost} data-testid={`remove-${l.sku}`} onClick={() => remove(l.sku)} aria-label={`Remove ${l.name}`}>
                    Remove
                  </button>
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
      <tfoot className="block md:table-footer-group">
        <tr className="flex justify-between border-t border-slate-200 px-4 py-3 md:table-row md:p-0">
          <td className={`${cell} font-medium`} colSpan={3}>
            Subtotal
          </td>
          <td className={`${cell} text-right font-semibold tabular-nums`} data-testid="cart-subtotal">
            {formatMoney(subtotal)}
          </td>
          {editable ? <td className="hidden md:table-cell" /> : null}
        </tr>
      </tfoot>
    </table>
  );
}
