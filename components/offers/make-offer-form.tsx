"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import { formatMoney } from "@/lib/web/format";
import { useCart } from "@/components/cart/cart-context";
import { Alert, btn, Card, EmptyState, inputClass, td, th, ScrollX } from "@/components/ui/ui";

type OfferLineDraft = { sku: string; name: string; price: string; quantity: number };

/**
 * An offer on the cart's lines, or on one catalog product (`sku`, from the catalog's "Make an
 * offer"): a price (and, for one product, a quantity) per line and a message; the cart stays as it is.
 */
export function MakeOfferForm({ sku }: { sku?: string }) {
  const cart = useCart();
  const single = useCatalogProduct(sku);
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const lines: OfferLineDraft[] = sku
    ? single.product
      ? [{ ...single.product, quantity: Math.max(1, Number(quantities[single.product.sku] ?? 1) || 1) }]
      : []
    : cart.lines;
  const ready = sku ? single.loaded : cart.ready;
  const router = useRouter();
  const [prices, setPrices] = useState<Record<string, string>>({});
  const [message, setMessage] = useState("");
  const [orderOnAcceptance, setOrderOnAcceptance] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  if (sku && ready && lines.length === 0)
    return (
      <Card>
        <EmptyState title={`${sku} is not in the catalog`}>
          <Link href="/" className="text-sky-700 hover:underline">
            Back to the catalog
          </Link>
        </EmptyState>
      </Card>
    );
  if (ready && lines.length === 0)
    return (
      <Card>
        <EmptyState title="Your cart is empty">
          <Link href="/" className="text-sky-700 hover:underline">
            Add phones from the catalog
          </Link>{" "}
          first, then make an offer on them.
        </EmptyState>
      </Card>
    );

  async function submit() {
    setPending(true);
    setError(null);
    const res = await apiFetch<{ id: string }>("/api/offers", {
      method: "POST",
      headers: { "Idempotency-Key": idempotencyKey },
      body: JSON.stringify({
        lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: prices[l.sku] ?? l.price })),
        ...(message ? { message } : {}),
        ...(orderOnAcceptance ? { orderOnAcceptance: true } : {}),
      }),
    });
    setPending(false);
    if (res.ok) router.push("/offers");
    else if (res.status === 401) redirectToLogin();
    else setError(res.error.fields ? `${res.error.message} (${Object.keys(res.error.fields).join(", ")})` : res.error.message);
  }

  return (
    <Card title="Your offer">
      <ScrollX>
        <table className="w-full text-sm" data-testid="offer-form">
          <thead className="bg-slate-50/80 text-left">
            <tr>
              <th className={th}>Product</th>
              <th className={`${th} text-right`}>Qty</th>
              <th className={`${th} text-right`}>List</th>
              <th className={`${th} text-right`}>Your price</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.sku} className="border-t border-slate-100">
                <td className={td}>
                  <span className="block">{l.name}</span>
                  <span className="font-mono text-[11px] text-slate-500">{l.sku}</span>
                </td>
                <td className={`${td} text-right tabular-nums`}>
                  {sku ? (
                    <input
                      className={`${inputClass} ml-auto w-20 text-right`}
                      inputMode="numeric"
                      aria-label={`Quantity of ${l.sku}`}
                      data-testid={`offer-qty-${l.sku}`}
                      value={quantities[l.sku] ?? String(l.quantity)}
                      onChange={(e) => setQuantities((q) => ({ ...q, [l.sku]: e.target.value }))}
                    />
                  ) : (
                    l.quantity
                  )}
                </td>
                <td className={`${td} text-right tabular-nums text-slate-500`}>{formatMoney(l.price)}</td>
                <td className={`${td} text-right`}>
                  <input
                    className={`${inputClass} ml-auto w-28 text-right`}
                    inputMode="decimal"
                    aria-label={`Your unit price for ${l.sku}`}
                    data-testid={`offer-price-${l.sku}`}
                    value={prices[l.sku] ?? l.price}
                    onChange={(e) => setPrices((p) => ({ ...p, [l.sku]: e.target.value }))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
      <div className="space-y-3 border-t border-slate-100 p-4">
        <textarea
          className={inputClass}
          rows={2}
          placeholder="A message to us (optional)"
          aria-label="Message"
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            className="mt-0.5"
            checked={orderOnAcceptance}
            onChange={(e) => setOrderOnAcceptance(e.target.checked)}
            data-testid="order-on-acceptance"
          />
          <span>Order it as soon as it is accepted (to your company&apos;s default shipping address)</span>
        </label>
        {error ? <Alert>{error}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Link href={sku ? "/" : "/cart"} className={btn.secondary}>
            {sku ? "Back to the catalog" : "Back to cart"}
          </Link>
          <button type="button" className={btn.primary} disabled={pending || !ready} onClick={() => void submit()} data-testid="send-offer">
            {pending ? "Sending…" : "Send offer"}
          </button>
        </div>
      </div>
    </Card>
  );
}

/** One catalog product at the buyer's price (GET /api/products), for an offer made from the catalog. */
function useCatalogProduct(sku: string | undefined) {
  const [state, setState] = useState<{ product: Omit<OfferLineDraft, "quantity"> | null; loaded: boolean }>({ product: null, loaded: !sku });
  useEffect(() => {
    if (!sku) return;
    let live = true;
    void apiFetch<{ data: { sku: string; name: string; price: string }[] }>(`/api/products?q=${encodeURIComponent(sku)}&limit=20`).then((res) => {
      if (!live) return;
      const p = res.ok ? res.data.data.find((x) => x.sku === sku) : undefined;
      setState({ product: p ? { sku: p.sku, name: p.name, price: p.price } : null, loaded: true });
    });
    return () => {
      live = false;
    };
  }, [sku]);
  return state;
}
