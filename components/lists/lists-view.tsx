"use client";
import Link from "next/link";
import type { SavedListSummaryDto } from "@/lib/lists/get-list";
import { DateTime } from "@/components/ui/date-time";
import { Card, EmptyState, td, th, ScrollX } from "@/components/ui/ui";

const SOURCES: Record<string, string> = { cart: "Cart", spreadsheet: "Spreadsheet", order: "Order" };

/** The company's saved lists, every user's. */
export function ListsView({ lists }: { lists: SavedListSummaryDto[] }) {
  if (lists.length === 0)
    return (
      <Card>
        <EmptyState title="No saved lists yet">
          Save one from your{" "}
          <Link href="/cart" className="text-sky-700 hover:underline">
            cart
          </Link>
          , a{" "}
          <Link href="/quick-order" className="text-sky-700 hover:underline">
            quick-order sheet
          </Link>{" "}
          or a past order.
        </EmptyState>
      </Card>
    );
  return (
    <Card>
      <ScrollX>
        <table className="w-full text-sm" data-testid="lists">
          <thead className="bg-slate-50/80 text-left">
            <tr>
              <th className={th}>Name</th>
              <th className={th}>From</th>
              <th className={`${th} text-right`}>Lines</th>
              <th className={`${th} text-right`}>Units</th>
              <th className={th}>Made by</th>
              <th className={th}>Changed</th>
            </tr>
          </thead>
          <tbody>
            {lists.map((l) => (
              <tr key={l.id} className="border-t border-slate-100" data-testid="list-row">
                <td className={td}>
                  <Link href={`/lists/${encodeURIComponent(l.id)}`} className="font-medium text-sky-700 hover:underline">
                    {l.name}
                  </Link>
                </td>
                <td className={td}>{SOURCES[l.source] ?? l.source}</td>
                <td className={`${td} text-right tabular-nums`}>{l.lineCount}</td>
                <td className={`${td} text-right tabular-nums`}>{l.units}</td>
                <td className={td}>{l.createdBy.name}</td>
                <td className={td}>
                  <DateTime iso={l.updatedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
    </Card>
  );
}
