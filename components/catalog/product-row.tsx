"use client";
import { useEffect, useState } from "react";
import type { Product } from "@/lib/web/types";
import { formatMoney } from "@/lib/web/format";
import { useCart } from "@/components/cart/cart-context";
import { btn, td } from "@/components/ui/ui";

/** One catalog line with its own quantity box, so several SKUs can be added quickly. */
export function ProductRow({ product: p }: { product: Product }) {
  const { add, lines } = useCart();
  const [qty, setQty] = useState("1");
  const [added, setAdded] = useState(false);
  const inCart = lines.find((l) => l.sku === p.sku)?.quantity ?? 0;
  const orderable = p.active && p.stock > 0;
  const n = Number(qty);
  const valid = Number.isInteger(n) && n >= 1;

  useEffect(() => {
    if (!added) return;
    const t = setTimeout(() => setAdded(false), 1500);
    return () => clearTimeout(t);
  }, [added]);

  return (
    <tr data-testid="product-row" data-sku={p.sku} className="border-t border-slate-100 hover:bg-slate-50/60">
      <td className={td}>
        <div className="font-medium text-slate-900">{p.name}</div>
        <div className="font-mono text-[11px] text-slate-400">{p.sku}</div>
      </td>
      <td className={td}>
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{p.grade}</span>
      </td>
      <td className={`${td} text-slate-600`}>{p.storage}</td>
      <td className={`${td} text-slate-600`}>{p.color}</td>
      <td className={`${td} text-right font-medium tabular-nums`}>{formatMoney(p.price)}</td>
      <td className={`${td} text-right tabular-nums`}>
        {p.stock > 0 ? <span className="text-slate-700">{p.stock}</span> : <span className="text-red-600">Out of stock</span>}
      </td>
      <td className={td}>
        <input
          type="number"
          min={1}
          max={p.stock || undefined}
          step={1}
          value={qty}
          disabled={!orderable}
          aria-label={`Quantity of ${p.name}`}
          data-testid={`qty-${p.sku}`}
          onChange={(e) => setQty(e.target.value)}
          className="w-20 rounded-md border border-slate-300 px-2 py-1 text-right text-sm tabular-nums disabled:bg-slate-50"
        />
      </td>
      <td className={`${td} whitespace-nowrap text-right`}>
        <button
          type="button"
          data-testid={`add-to-cart-${p.sku}`}
          disabled={!orderable || !valid}
          onClick={() => {
            add(p, n);
            setAdded(true);
          }}
          className={added ? btn.secondary : btn.primary}
        >
          {added ? "Added ✓" : "Add to cart"}
        </button>
        {inCart > 0 ? <div className="mt-0.5 text-[11px] text-slate-500">{inCart} in cart</div> : null}
      </td>
    </tr>
  );
}
