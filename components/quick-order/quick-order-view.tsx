"use client";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { SheetReview } from "@/lib/quick-order/review-sheet";
import type { ReviewRow, ReviewStatus } from "@/lib/quick-order/match-rows";
import { apiFetch, redirectToLogin, type ApiResult } from "@/lib/web/api-client";
import { formatMoney } from "@/lib/web/format";
import { useCart } from "@/components/cart/cart-context";
import { SaveListButton, type ListLineInput } from "@/components/lists/save-list-button";
import { Alert, btn, Card, inputClass, td, th, ScrollX } from "@/components/ui/ui";

const GROUPS: { status: ReviewStatus; title: string }[] = [
  { status: "matched", title: "Matched" },
  { status: "partial", title: "Partly available" },
  { status: "over_price", title: "Over your max price" },
  { status: "ambiguous", title: "Ambiguous: more than one product fits" },
  { status: "unmatched", title: "Not found" },
  { status: "invalid", title: "Rows with errors" },
];

/**
 * Quick order: paste rows or upload a CSV/XLSX, review each row against the catalog
 * (POST /api/quick-order/review), then order what is available (into the cart, then the usual
 * checkout), make an offer on the rest (POST /api/offers), or save it all as a list.
 */
export function QuickOrderView({ canOrder }: { canOrder: boolean }) {
  const router = useRouter();
  const cart = useCart();
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [review, setReview] = useState<SheetReview | null>(null);
  const [offerKey, setOfferKey] = useState(() => crypto.randomUUID());
  const [offerPending, setOfferPending] = useState(false);

  async function submit() {
    setPending(true);
    setError(null);
    let res;
    if (file) {
      const form = new FormData();
      form.set("file", file);
      res = await uploadSheet(form);
    } else {
      res = await apiFetch<SheetReview>("/api/quick-order/review", { method: "POST", body: JSON.stringify({ text }) });
    }
    setPending(false);
    if (res.ok) {
      setReview(res.data);
      setOfferKey(crypto.randomUUID());
    } else if (res.status === 401) redirectToLogin();
    else setError(res.error.fields ? Object.values(res.error.fields)[0]! : res.error.message);
  }

  const orderable = useMemo(
    () => (review?.rows ?? []).filter((r) => (r.status === "matched" || r.status === "partial") && r.available > 0 && r.product),
    [review],
  );
  const rest = useMemo(() => offerLines(review?.rows ?? []), [review]);
  const listLines = useMemo(() => saveLines(review?.rows ?? []), [review]);

  function orderAvailable() {
    for (const r of orderable) cart.add(r.product!, r.available);
    router.push("/checkout");
  }

  async function offerRest() {
    setOfferPending(true);
    setError(null);
    const res = await apiFetch<{ id: string }>("/api/offers", {
      method: "POST",
      headers: { "Idempotency-Key": offerKey },
      body: JSON.stringify({ lines: rest, message: "From a quick-order sheet" }),
    });
    setOfferPending(false);
    if (res.ok) router.push("/offers");
    else if (res.status === 401) redirectToLogin();
    else setError(res.error.message);
  }

  return (
    <div className="space-y-4">
      <Card title="Your rows">
        <div className="grid gap-4 p-4 md:grid-cols-[1fr_280px]">
          <div>
            <label htmlFor="quick-order-text" className="mb-1 block text-sm font-medium text-slate-700">
              Paste rows
            </label>
            <textarea
              id="quick-order-text"
              className={`${inputClass} font-mono text-xs`}
              rows={8}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={'SKU,Quantity,Max unit price\nIPHONE12-64GB-A,10,"1,246.00"'}
              data-testid="quick-order-text"
            />
            <p className="mt-1 text-xs text-slate-500">
              A header row first: SKU (or Brand, Model, Storage, Grade, Color), Quantity, and optionally Max unit price. Commas, semicolons or tabs.
            </p>
          </div>
          <div className="space-y-3">
            <div>
              <label htmlFor="quick-order-file" className="mb-1 block text-sm font-medium text-slate-700">
                Upload CSV or XLSX
              </label>
              <input
                id="quick-order-file"
                type="file"
                accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                className="block w-full text-sm"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                data-testid="quick-order-file"
              />
              <p className="mt-1 text-xs text-slate-500">Up to 2 MB and 1000 rows. A file is read instead of pasted rows.</p>
            </div>
            <p className="text-sm">
              <a href="/api/quick-order/template" className="text-sky-700 hover:underline" download>
                Download the CSV template
              </a>{" "}
              ·{" "}
              <a href="/api/quick-order/template?format=xlsx" className="text-sky-700 hover:underline" download>
                XLSX template
              </a>
            </p>
            <button
              type="button"
              className={btn.primary}
              disabled={pending || (!file && !text.trim())}
              onClick={() => void submit()}
              data-testid="quick-order-review"
            >
              {pending ? "Reviewing…" : "Review"}
            </button>
          </div>
        </div>
      </Card>

      {error ? <Alert testId="quick-order-error">{error}</Alert> : null}

      {review ? (
        <>
          <Card
            title={`Review: ${review.summary.rows} rows`}
            actions={
              <span className="text-xs text-slate-500" data-testid="quick-order-summary">
                {review.summary.matched} matched · {review.summary.partial} partly available · {review.summary.over_price} over price ·{" "}
                {review.summary.ambiguous} ambiguous · {review.summary.unmatched} not found · {review.summary.invalid} with errors
              </span>
            }
          >
            <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-4 py-3">
              <button
                type="button"
                className={btn.primary}
                disabled={!canOrder || orderable.length === 0}
                onClick={orderAvailable}
                data-testid="order-available"
              >
                Order available rows
              </button>
              <span className="text-xs text-slate-500">
                {review.summary.orderable.units} units, {formatMoney(review.summary.orderable.subtotal)}
              </span>
              <button
                type="button"
                className={btn.secondary}
                disabled={!canOrder || rest.length === 0 || offerPending}
                onClick={() => void offerRest()}
                data-testid="offer-rest"
              >
                {offerPending ? "Sending…" : "Make an offer on the rest"}
              </button>
              {canOrder ? <SaveListButton source="spreadsheet" lines={listLines} defaultName={`Quick order ${new Date().toISOString().slice(0, 10)}`} /> : null}
              {!canOrder ? <span className="text-xs text-slate-500">Your role may review but not order.</span> : null}
            </div>
            {review.ignoredColumns.length ? <p className="px-4 pt-3 text-xs text-slate-500">Columns not read: {review.ignoredColumns.join(", ")}</p> : null}
          </Card>
          {GROUPS.map((g) => {
            const rows = review.rows.filter((r) => r.status === g.status);
            return rows.length ? <ReviewGroup key={g.status} title={g.title} status={g.status} rows={rows} /> : null;
          })}
        </>
      ) : null}
    </div>
  );
}

function ReviewGroup({ title, status, rows }: { title: string; status: ReviewStatus; rows: ReviewRow[] }) {
  return (
    <Card title={`${title} (${rows.length})`}>
      <ScrollX>
        <table className="w-full text-sm" data-testid={`review-${status}`}>
          <thead className="bg-slate-50/80 text-left">
            <tr>
              <th className={th}>Row</th>
              <th className={th}>Your row</th>
              <th className={th}>Product</th>
              <th className={`${th} text-right`}>Qty</th>
              <th className={`${th} text-right`}>Available</th>
              <th className={`${th} text-right`}>Unit price</th>
              <th className={`${th} text-right`}>Your max</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.row} className="border-t border-slate-100 align-top" data-testid="review-row" data-row={r.row}>
                <td className={`${td} tabular-nums text-slate-500`}>{r.row}</td>
                <td className={`${td} text-xs text-slate-600`}>
                  {r.input.sku ?? [r.input.brand, r.input.model, r.input.storage, r.input.grade, r.input.color].filter(Boolean).join(" · ")}
                </td>
                <td className={td}>
                  {r.product ? (
                    <>
                      <span className="block">{r.product.name}</span>
                      <span className="font-mono text-[11px] text-slate-500">{r.product.sku}</span>
                    </>
                  ) : null}
                  {r.error ? <span className={`block text-xs ${status === "invalid" ? "text-red-700" : "text-amber-700"}`}>{r.error}</span> : null}
                  {r.candidates?.length ? (
                    <ul className="mt-1 text-xs text-slate-600">
                      {r.candidates.map((c) => (
                        <li key={c.sku}>
                          <span className="font-mono">{c.sku}</span> · {c.color} · {formatMoney(c.price)} · {c.stock} in stock
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
                <td className={`${td} text-right tabular-nums`}>{r.quantity ?? "—"}</td>
                <td className={`${td} text-right tabular-nums`}>{r.product ? r.available : "—"}</td>
                <td className={`${td} text-right tabular-nums`}>{formatMoney(r.unitPrice)}</td>
                <td className={`${td} text-right tabular-nums text-slate-500`}>{formatMoney(r.maxUnitPrice)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
    </Card>
  );
}

/** What is not ordered: partial rows' missing units and over-price rows, at the max price or the list price, one line per SKU. */
function offerLines(rows: ReviewRow[]) {
  const bySku = new Map<string, { sku: string; quantity: number; unitPrice: string }>();
  for (const r of rows) {
    if (!r.product?.active || r.quantity === null) continue;
    const missing = r.status === "over_price" ? r.quantity : r.status === "partial" ? r.quantity - r.available : 0;
    if (missing <= 0) continue;
    const seen = bySku.get(r.product.sku);
    if (seen) seen.quantity = Math.min(10_000, seen.quantity + missing);
    else bySku.set(r.product.sku, { sku: r.product.sku, quantity: missing, unitPrice: r.maxUnitPrice ?? r.product.price });
  }
  return [...bySku.values()];
}

/** Every row that names a product (and unmatched rows by their SKU), with the quantity and max price asked. */
function saveLines(rows: ReviewRow[]): ListLineInput[] {
  return rows.flatMap((r): ListLineInput[] => {
    if (r.quantity === null) return [];
    if (r.product) return [{ sku: r.product.sku, quantity: r.quantity, maxUnitPrice: r.maxUnitPrice }];
    if (r.status === "unmatched" && r.input.sku)
      return [{ sku: r.input.sku, quantity: r.quantity, maxUnitPrice: r.maxUnitPrice, note: "Not in the catalog when saved" }];
    return [];
  });
}

/** The file as multipart/form-data (apiFetch sends JSON): the browser sets the boundary. */
async function uploadSheet(form: FormData): Promise<ApiResult<SheetReview>> {
  try {
    const res = await fetch("/api/quick-order/review", {
      method: "POST",
      body: form,
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
    });
    const body = (await res.json().catch(() => null)) as (SheetReview & { error?: { code: string; message: string; fields?: Record<string, string> } }) | null;
    if (res.ok && body) return { ok: true, status: res.status, data: body };
    return { ok: false, status: res.status, error: body?.error ?? { code: "http_error", message: `The server answered ${res.status}.` } };
  } catch {
    return { ok: false, status: 0, error: { code: "network_error", message: "Network problem: check your connection and try again." } };
  }
}
