"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReorderChange, ReorderDto } from "@/lib/orders/reorder-order";
import { formatMoney } from "@/lib/web/format";
import { AddAvailableToCart } from "@/components/lists/lines-now-table";
import { SaveListButton } from "@/components/lists/save-list-button";
import { Alert, btn, Card, PageHeader, td, th, ScrollX } from "@/components/ui/ui";

const CHANGE: Record<ReorderChange, string> = {
  price_up: "Price went up",
  price_down: "Price went down",
  less_stock: "Less in stock",
  out_of_stock: "Out of stock now",
  not_sold: "No longer sold",
};

/** Order again: what changed since the order (price, stock, still sold), then the available lines into the cart. */
export function ReorderView({ reorder, canOrder }: { reorder: ReorderDto; canOrder: boolean }) {
  const router = useRouter();
  return (
    <>
      <PageHeader
        title={`Order again: ${reorder.number}`}
        subtitle="Today's prices and stock, against the order"
        actions={
          <Link href={`/orders/${encodeURIComponent(reorder.orderId)}`} className={btn.ghost}>
            Back to the order
          </Link>
        }
      />
      <div className="space-y-4">
        <Alert tone="info" testId="reorder-summary">
          {reorder.changed ? "Some lines changed since you ordered: see below." : "Nothing changed: same prices, all in stock."}{" "}
          {`${reorder.orderable.units} units can be ordered now, ${formatMoney(reorder.orderable.subtotal)}.`}
        </Alert>
        <Card title="Lines then and now">
          <ScrollX>
            <table className="w-full text-sm" data-testid="reorder-lines">
              <thead className="bg-slate-50/80 text-left">
                <tr>
                  <th className={th}>Product</th>
                  <th className={`${th} text-right`}>Qty then</th>
                  <th className={`${th} text-right`}>Available now</th>
                  <th className={`${th} text-right`}>Price then</th>
                  <th className={`${th} text-right`}>Price now</th>
                  <th className={th}>What changed</th>
                </tr>
              </thead>
              <tbody>
                {reorder.lines.map((l) => (
                  <tr
                    key={l.sku}
                    className={`border-t border-slate-100 ${l.changes.length ? "bg-amber-50/50" : ""}`}
                    data-testid="reorder-line"
                    data-sku={l.sku}
                  >
                    <td className={td}>
                      <span className="block">{l.now.product?.name ?? l.name}</span>
                      <span className="font-mono text-[11px] text-slate-500">{l.sku}</span>
                    </td>
                    <td className={`${td} text-right tabular-nums`}>{l.then.quantity}</td>
                    <td className={`${td} text-right tabular-nums`}>{l.now.product ? l.now.available : "—"}</td>
                    <td className={`${td} text-right tabular-nums text-slate-500`}>{formatMoney(l.then.unitPrice)}</td>
                    <td className={`${td} text-right tabular-nums`}>{formatMoney(l.now.unitPrice)}</td>
                    <td className={`${td} text-xs`}>{l.changes.length ? l.changes.map((c) => CHANGE[c]).join(", ") : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollX>
          {canOrder ? (
            <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 px-4 py-3">
              <AddAvailableToCart
                label="Add available lines to cart"
                lines={reorder.lines.map((l) => ({ quantity: l.then.quantity, now: l.now }))}
                onAdded={() => router.push("/cart")}
              />
              <SaveListButton
                source="order"
                defaultName={`Reorder of ${reorder.number}`}
                lines={reorder.lines.map((l) => ({ sku: l.sku, quantity: l.then.quantity }))}
              />
            </div>
          ) : null}
        </Card>
      </div>
    </>
  );
}
