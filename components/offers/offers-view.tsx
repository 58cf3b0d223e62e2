"use client";
import { useState } from "react";
import { Alert, Card, EmptyState } from "@/components/ui/ui";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { OfferCard } from "./offer-card";
import { useOffers } from "./use-offers";

const FILTERS = [
  { value: "", label: "All" },
  { value: "open", label: "Open" },
  { value: "countered", label: "Countered" },
  { value: "accepted", label: "Accepted" },
] as const;

const BUYER_SORTS = [
  { value: "newest", label: "Newest" },
  { value: "age", label: "Oldest" },
  { value: "value", label: "Value" },
];
const OPS_SORTS = [
  { value: "age", label: "Waiting longest" },
  { value: "margin", label: "Margin" },
  { value: "value", label: "Value" },
  { value: "company", label: "Company" },
  { value: "newest", label: "Newest" },
];

/** A buyer's offers (side "buyer") or the ops offer-clearing queue (side "ops"), live. */
export function OffersView({ side }: { side: "buyer" | "ops" }) {
  const [status, setStatus] = useState<string>(side === "ops" ? "open" : "");
  const [sort, setSort] = useState<string>(side === "ops" ? "age" : "newest");
  const { offers, error, loaded, connected, refetch } = useOffers(`/api/offers?limit=100&sort=${sort}${status ? `&status=${status}` : ""}`);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        {FILTERS.map((f) => (
          <button
            key={f.value}
            type="button"
            onClick={() => setStatus(f.value)}
            data-testid={`offer-filter-${f.value || "all"}`}
            className={`rounded-full border px-3 py-1 text-xs ${status === f.value ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white text-slate-700"}`}
          >
            {f.label}
          </button>
        ))}
        <label className="ml-auto flex items-center gap-1.5 text-xs text-slate-700">
          Sort
          <select
            className="rounded border border-slate-300 bg-white px-2 py-1 text-xs"
            value={sort}
            onChange={(e) => setSort(e.target.value)}
            data-testid="offer-sort"
          >
            {(side === "ops" ? OPS_SORTS : BUYER_SORTS).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <LiveIndicator connected={connected} />
      </div>
      {error ? <Alert>{error}</Alert> : null}
      {loaded && offers.length === 0 ? (
        <Card>
          <EmptyState title={side === "ops" ? "No offers waiting" : "No offers yet"}>
            {side === "buyer"
              ? "Make an offer from your cart: name your price per line and we answer within 48 hours."
              : "New offers land here the moment they are made."}
          </EmptyState>
        </Card>
      ) : (
        offers.map((o) => <OfferCard key={`${o.id}-${o.updatedAt}`} offer={o} side={side} onChanged={() => void refetch()} />)
      )}
    </div>
  );
}
