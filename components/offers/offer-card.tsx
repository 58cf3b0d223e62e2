"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import { formatMoney } from "@/lib/web/format";
import type { OfferDto } from "@/lib/offers/offer-dto";
import { Alert, btn, inputClass, td, th, ScrollX } from "@/components/ui/ui";
import { DateTime } from "@/components/ui/date-time";

type Side = "buyer" | "ops";

const STATUS_LABEL: Record<OfferDto["status"], string> = {
  open: "Waiting for us",
  countered: "Countered",
  accepted: "Accepted",
  declined: "Declined",
  expired: "Expired",
  withdrawn: "Withdrawn",
  ordered: "Ordered",
};

/**
 * One offer: its lines (asked vs list price), its timeline, and the moves of the side whose turn
 * it is (ops on an open offer; the buyer on a counter), counter with new prices and quantities.
 */
export function OfferCard({ offer, side, onChanged }: { offer: OfferDto; side: Side; onChanged: () => void }) {
  const router = useRouter();
  const [countering, setCountering] = useState(false);
  const [terms, setTerms] = useState(() => offer.lines.map((l) => ({ sku: l.sku, quantity: String(l.quantity), unitPrice: l.unitPrice })));
  const [message, setMessage] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Ops tried to accept below the current supplier cost: the reason, until they confirm. */
  const [belowCost, setBelowCost] = useState<string | null>(null);
  const myTurn = offer.awaiting === side && offer.status !== "accepted";
  const canWithdraw = side === "buyer" && (offer.status === "open" || offer.status === "countered");
  const label =
    side === "ops" && offer.status === "open"
      ? "Waiting for ops"
      : side === "ops" && offer.status === "countered"
        ? "Countered, waiting for the buyer"
        : STATUS_LABEL[offer.status];

  /** An accepted offer, ordered at the agreed prices to the company's default saved address. */
  async function order() {
    setPending(true);
    setError(null);
    const addresses = await apiFetch<{ data: { address: unknown }[] }>("/api/account/addresses");
    const address = addresses.ok ? addresses.data.data[0]?.address : undefined;
    if (!address) {
      setPending(false);
      setError("Save a shipping address on the company page first (Account → Company); the order goes to the default one.");
      return;
    }
    const res = await apiFetch<{ order: { id: string } }>(`/api/offers/${encodeURIComponent(offer.id)}/order`, {
      method: "POST",
      body: JSON.stringify({ shippingAddress: address }),
    });
    setPending(false);
    if (res.ok) router.push(`/orders/${encodeURIComponent(res.data.order.id)}`);
    else if (res.status === 401) redirectToLogin();
    else setError(res.error.message);
  }

  async function act(action: "accept" | "decline" | "counter" | "withdraw", opts: { acceptBelowCost?: boolean } = {}) {
    setPending(true);
    setError(null);
    setBelowCost(null);
    const body =
      action === "counter"
        ? {
            lines: terms
              .map((t, i) => ({ sku: t.sku, quantity: Number(t.quantity), unitPrice: t.unitPrice, was: offer.lines[i]! }))
              .filter((t) => t.quantity !== t.was.quantity || t.unitPrice !== t.was.unitPrice)
              .map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
            ...(message ? { message } : {}),
          }
        : message || opts.acceptBelowCost
          ? { ...(message ? { message } : {}), ...(opts.acceptBelowCost ? { acceptBelowCost: true } : {}) }
          : undefined;
    if (action === "counter" && body && "lines" in body && body.lines.length === 0) {
      setPending(false);
      setError("Change a price or a quantity to counter.");
      return;
    }
    const res = await apiFetch<OfferDto>(`/api/offers/${encodeURIComponent(offer.id)}/${action}`, {
      method: "POST",
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    setPending(false);
    if (res.ok) {
      setCountering(false);
      setMessage("");
      onChanged();
    } else if (res.status === 401) redirectToLogin();
    else if (action === "accept" && res.status === 409 && (res.error as { reason?: string }).reason === "below_cost") setBelowCost(res.error.message);
    else setError(res.error.fields ? `${res.error.message} (${Object.keys(res.error.fields).join(", ")})` : res.error.message);
  }

  const m = side === "ops" ? offer.margin : undefined;
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-xs" data-testid="offer" data-offer-id={offer.id} data-status={offer.status}>
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-100 px-4 py-2.5">
        <span className="font-mono text-[13px] font-semibold text-slate-800">{offer.number}</span>
        {side === "ops" ? <span className="text-sm text-slate-700">{offer.company.name}</span> : null}
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700" data-testid="offer-status">
          {label}
        </span>
        {m ? (
          <span
            className={`rounded px-1.5 py-0.5 text-xs tabular-nums ${m.belowCost ? "bg-rose-100 text-rose-800" : "bg-emerald-50 text-emerald-800"}`}
            data-testid="offer-margin"
            title="Against what the lines would cost at the supplier now"
          >
            {m.margin === null ? "Margin unknown (no stock)" : `Margin ${formatMoney(m.margin, offer.currency)} (${m.marginPercent ?? 0} %)`}
          </span>
        ) : null}
        {m?.costMoved ? (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900" data-testid="offer-cost-moved">
            Cost moved since the offer
          </span>
        ) : null}
        <span className="ml-auto text-sm font-medium tabular-nums text-slate-900" data-testid="offer-total">
          {formatMoney(offer.total, offer.currency)}
        </span>
        <span className="w-full text-xs text-slate-500 sm:w-auto">
          made <DateTime iso={offer.createdAt} />
          {offer.status === "accepted" && offer.holdUntil ? (
            <>
              {" "}
              · held until <DateTime iso={offer.holdUntil} />
            </>
          ) : offer.awaiting ? (
            <>
              {" "}
              · expires <DateTime iso={offer.expiresAt} />
            </>
          ) : null}
        </span>
      </header>
      <ScrollX>
        <table className="w-full text-sm">
          <thead className="bg-slate-50/80 text-left">
            <tr>
              <th className={th}>Product</th>
              <th className={`${th} text-right`}>Qty</th>
              <th className={`${th} text-right`}>Offer</th>
              <th className={`${th} text-right`}>List</th>
              {m ? <th className={`${th} text-right`}>Cost now</th> : null}
            </tr>
          </thead>
          <tbody>
            {offer.lines.map((l, i) => (
              <tr key={l.sku} className="border-t border-slate-100" data-testid="offer-line">
                <td className={td}>
                  <span className="block">{l.name}</span>
                  <span className="font-mono text-[11px] text-slate-500">{l.sku}</span>
                </td>
                <td className={`${td} text-right tabular-nums`}>
                  {countering ? (
                    <input
                      className={`${inputClass} w-20 text-right`}
                      aria-label={`Quantity of ${l.sku}`}
                      inputMode="numeric"
                      value={terms[i]!.quantity}
                      onChange={(e) => setTerms((t) => t.map((x, k) => (k === i ? { ...x, quantity: e.target.value } : x)))}
                    />
                  ) : (
                    l.quantity
                  )}
                </td>
                <td className={`${td} text-right tabular-nums`}>
                  {countering ? (
                    <input
                      className={`${inputClass} w-24 text-right`}
                      aria-label={`Unit price of ${l.sku}`}
                      inputMode="decimal"
                      value={terms[i]!.unitPrice}
                      onChange={(e) => setTerms((t) => t.map((x, k) => (k === i ? { ...x, unitPrice: e.target.value } : x)))}
                    />
                  ) : (
                    formatMoney(l.unitPrice, offer.currency)
                  )}
                </td>
                <td className={`${td} text-right tabular-nums text-slate-500`}>{formatMoney(l.listPrice, offer.currency)}</td>
                {m ? (
                  <td className={`${td} text-right tabular-nums`} data-testid="offer-line-cost">
                    {l.cost ? formatMoney(l.cost, offer.currency) : "—"}
                    {l.costMoved && l.costAtOffer ? (
                      <span className="block text-[11px] text-amber-800">was {formatMoney(l.costAtOffer, offer.currency)}</span>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
      {offer.message || offer.reason ? (
        <p className="border-t border-slate-100 px-4 py-2 text-sm text-slate-700" data-testid="offer-note">
          {offer.reason ?? offer.message}
        </p>
      ) : null}
      <ol className="border-t border-slate-100 px-4 py-2 text-xs text-slate-600" data-testid="offer-timeline">
        {offer.timeline.map((e, i) => (
          <li key={`${e.at}-${i}`}>
            <DateTime iso={e.at} /> · {e.type} by {e.source}
            {e.message ? `: ${e.message}` : ""}
          </li>
        ))}
      </ol>
      {error ? (
        <div className="px-4 pb-2">
          <Alert>{error}</Alert>
        </div>
      ) : null}
      {belowCost ? (
        <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 px-4 py-2.5" data-testid="below-cost">
          <span className="flex-1 text-sm text-rose-800">{belowCost}</span>
          <button type="button" className={btn.danger} disabled={pending} onClick={() => void act("accept", { acceptBelowCost: true })}>
            Accept below cost
          </button>
          <button type="button" className={btn.secondary} disabled={pending} onClick={() => setBelowCost(null)}>
            Cancel
          </button>
        </div>
      ) : null}
      {side === "buyer" && offer.status === "accepted" ? (
        <div className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-100 px-4 py-2.5">
          <span className="text-xs text-slate-500">Ships to your company&apos;s default address</span>
          <button type="button" className={btn.primary} disabled={pending} onClick={() => void order()} data-testid="order-offer">
            {pending ? "Ordering…" : "Order at these prices"}
          </button>
        </div>
      ) : null}
      {offer.orderId ? (
        <p className="border-t border-slate-100 px-4 py-2 text-sm">
          <a
            className="text-sky-700 hover:underline"
            href={side === "ops" ? `/ops/orders/${offer.orderId}` : `/orders/${offer.orderId}`}
            data-testid="offer-order-link"
          >
            View the order
          </a>
        </p>
      ) : null}
      {myTurn || canWithdraw ? (
        <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 px-4 py-2.5">
          {myTurn ? (
            <>
              <input
                className={`${inputClass} min-w-40 flex-1`}
                placeholder="A message (optional)"
                aria-label="Message"
                value={message}
                onChange={(e) => setMessage(e.target.value)}
              />
              {countering ? (
                <>
                  <button type="button" className={btn.primary} disabled={pending} onClick={() => void act("counter")} data-testid="send-counter">
                    Send counter
                  </button>
                  <button type="button" className={btn.secondary} disabled={pending} onClick={() => setCountering(false)}>
                    Back
                  </button>
                </>
              ) : (
                <>
                  <button type="button" className={btn.primary} disabled={pending} onClick={() => void act("accept")} data-testid="accept-offer">
                    Accept
                  </button>
                  <button type="button" className={btn.secondary} disabled={pending} onClick={() => setCountering(true)} data-testid="counter-offer">
                    Counter
                  </button>
                  <button type="button" className={btn.danger} disabled={pending} onClick={() => void act("decline")} data-testid="decline-offer">
                    Decline
                  </button>
                </>
              )}
            </>
          ) : null}
          {canWithdraw && !countering ? (
            <button type="button" className={btn.ghost} disabled={pending} onClick={() => void act("withdraw")} data-testid="withdraw-offer">
              Withdraw
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
