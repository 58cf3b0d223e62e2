"use client";
import type { LineNow } from "@/lib/catalog/catalog-view";
import { formatMoney } from "@/lib/web/format";
import { useCart } from "@/components/cart/cart-context";
import { btn, td, th } from "@/components/ui/ui";

const STATUS: Record<LineNow["status"], string> = {
  available: "Available",
  partial: "Partly available",
  over_price: "Over the max price",
  not_sold: "No longer sold",
};

export type LineWithNow = { sku: string; name?: string; quantity: number; maxUnitPrice?: string | null; note?: string | null; now: LineNow };

/** Lines (a saved list's) with their price and stock now. */
export function LinesNowTable({ lines }: { lines: LineWithNow[] }) {
  return (
    <table className="w-full text-sm" data-testid="list-lines">
      <thead className="bg-slate-50/80 text-left">
        <tr>
          <th className={th}>Product</th>
          <th className={`${th} text-right`}>Qty</th>
          <th className={`${th} text-right`}>Available now</th>
          <th className={`${th} text-right`}>Unit price now</th>
          <th className={`${th} text-right`}>Max</th>
          <th className={th}>Status</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => (
          <tr key={`${l.sku}-${i}`} className="border-t border-slate-100" data-testid="list-line" data-sku={l.sku}>
            <td className={td}>
              <span className="block">{l.now.product?.name ?? l.name ?? l.sku}</span>
              <span className="font-mono text-[11px] text-slate-500">{l.sku}</span>
              {l.note ? <span className="block text-xs text-slate-500">{l.note}</span> : null}
            </td>
            <td className={`${td} text-right tabular-nums`}>{l.quantity}</td>
            <td className={`${td} text-right tabular-nums`}>{l.now.product ? l.now.available : "—"}</td>
            <td className={`${td} text-right tabular-nums`}>{formatMoney(l.now.unitPrice)}</td>
            <td className={`${td} text-right tabular-nums text-slate-500`}>{formatMoney(l.maxUnitPrice)}</td>
            <td className={`${td} text-xs`}>{STATUS[l.now.status]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Puts each line's available units (at the price now) into the browser's cart. */
export function AddAvailableToCart({
  lines,
  onAdded,
  label = "Add available lines to cart",
}: {
  lines: { quantity: number; now: LineNow }[];
  onAdded: () => void;
  label?: string;
}) {
  const cart = useCart();
  const ready = lines.filter((l) => l.now.product && l.now.available > 0 && (l.now.status === "available" || l.now.status === "partial"));
  return (
    <button
      type="button"
      className={btn.primary}
      disabled={ready.length === 0}
      data-testid="add-to-cart"
      onClick={() => {
        for (const l of ready) cart.add(l.now.product!, Math.min(l.quantity, l.now.available));
        onAdded();
      }}
    >
      {label}
    </button>
  );
}
