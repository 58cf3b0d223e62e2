"use client";
import { useEffect, useState } from "react";
import type { Product } from "@/lib/web/types";
import { addToCart } from "@/lib/web/availability";
import { formatMoney } from "@/lib/web/format";
import { useCart } from "@/components/cart/cart-context";
import { btn } from "@/components/ui/ui";

/** A cell: a table cell from `md` up; below, a block of the row's card (the row has the padding). */
const cell = "md:px-3 md:py-2 md:align-middle";

/**
 * One catalog line with its own quantity box, so several SKUs can be added quickly. Below `md`
 * it is a card: name and price on top, stock, then quantity and Add to cart, all in view. Never
 * more than the stock goes into the cart (lib/web/availability.ts says what the row shows).
 */
export function ProductRow({ product: p }: { product: Product }) {
  const { add, lines, actingFor } = useCart();
  const [qty, setQty] = useState("1");
  const [added, setAdded] = useState(false);
  const inCart = lines.find((l) => l.sku === p.sku)?.quantity ?? 0;
  const n = Number(qty);
  const state = addToCart(p, inCart, n);
  const orderable = p.active && p.stock > 0;

  useEffect(() => {
    if (!added) return;
    const t = setTimeout(() => setAdded(false), 1500);
    return () => clearTimeout(t);
  }, [added]);

  return (
    <tr
      data-testid="product-row"
      data-sku={p.sku}
      data-stock={p.stock}
      className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-2 border-t border-slate-100 px-4 py-3 hover:bg-slate-50/60 md:table-row md:p-0"
    >
      <td className={cell}>
        <div className="font-medium text-slate-900">{p.name}</div>
        <div className="font-mono text-[11px] text-slate-500">{p.sku}</div>
        <div className="mt-1 flex flex-wrap items-center gap-x-2 text-xs text-slate-600 md:hidden">
          <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700">{p.grade}</span>
          <span>{p.storage}</span>
          <span>{p.color}</span>
        </div>
      </td>
      <td className={`${cell} hidden md:table-cell`}>
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{p.grade}</span>
      </td>
      <td className={`${cell} hidden text-slate-600 md:table-cell`}>{p.storage}</td>
      <td className={`${cell} hidden text-slate-600 md:table-cell`}>{p.color}</td>
      <td className={`${cell} self-start text-right text-base font-semibold tabular-nums md:text-sm md:font-medium`} data-testid="product-price">
        {formatMoney(p.price)}
      </td>
      <td className={`${cell} col-span-2 text-sm tabular-nums md:text-right`}>
        {p.stock > 0 ? (
          <span className="text-slate-700">
            {p.stock}
            <span className="md:sr-only"> in stock</span>
          </span>
        ) : (
          <span className="text-red-700">Out of stock</span>
        )}
      </td>
      <td className={cell}>
        <input
          type="number"
          min={1}
          max={Math.max(1, p.stock - inCart)}
          step={1}
          value={qty}
          disabled={!orderable}
          aria-label={`Quantity of ${p.name}`}
          aria-invalid={state.note ? true : undefined}
          aria-describedby={state.note ? `stock-note-${p.sku}` : undefined}
          data-testid={`qty-${p.sku}`}
          onChange={(e) => setQty(e.target.value)}
          className="w-20 rounded-md border border-slate-300 px-2 py-1 text-right text-sm tabular-nums disabled:bg-slate-50 aria-invalid:border-red-400"
        />
      </td>
      <td className={`${cell} text-right md:whitespace-nowrap`}>
        <button
          type="button"
          data-testid={`add-to-cart-${p.sku}`}
          disabled={!state.canAdd}
          onClick={() => {
            add(p, n);
            setAdded(true);
          }}
          className={added ? btn.secondary : btn.primary}
        >
          {added ? "Added ✓" : state.button}
        </button>
        {state.note ? (
          <div id={`stock-note-${p.sku}`} data-testid={`stock-note-${p.sku}`} className="mt-0.5 text-[11px] font-medium text-red-700">
            {state.note}
          </div>
        ) : null}
        {inCart > 0 ? <div className="mt-0.5 text-[11px] text-slate-600">{inCart} in cart</div> : null}
        {/* Offers are the company's own: not while staff order for it. */}
        {orderable && !actingFor ? (
          <a
            href={`/offers/new?sku=${encodeURIComponent(p.sku)}`}
            className="ml-auto flex min-h-6 w-fit items-center text-[11px] text-sky-800 underline underline-offset-2 hover:text-sky-950"
            data-testid={`make-offer-${p.sku}`}
            aria-label={`Make an offer on ${p.name}`}
          >
            Make an offer
          </a>
        ) : null}
      </td>
    </tr>
  );
}
