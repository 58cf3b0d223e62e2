"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { SavedListDto } from "@/lib/lists/get-list";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import { formatMoney } from "@/lib/web/format";
import { Alert, btn, Card, inputClass, PageHeader, ScrollX } from "@/components/ui/ui";
import { AddAvailableToCart, LinesNowTable } from "./lines-now-table";

/** One saved list: its lines now, into the cart; owners and buyers rename or delete it. */
export function ListDetailView({ list: initial, canEdit }: { list: SavedListDto; canEdit: boolean }) {
  const router = useRouter();
  const [list, setList] = useState(initial);
  const [name, setName] = useState(initial.name);
  const [renaming, setRenaming] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lines = list.lines.map(({ product, available, unitPrice, status, ...l }) => ({ ...l, now: { product, available, unitPrice, status } }));

  async function rename() {
    const res = await apiFetch<SavedListDto>(`/api/lists/${encodeURIComponent(list.id)}`, { method: "PATCH", body: JSON.stringify({ name }) });
    if (res.ok) {
      setList(res.data);
      setRenaming(false);
    } else if (res.status === 401) redirectToLogin();
    else setError(res.error.message);
  }

  async function remove() {
    const res = await apiFetch<unknown>(`/api/lists/${encodeURIComponent(list.id)}`, { method: "DELETE" });
    if (res.ok) router.push("/lists");
    else if (res.status === 401) redirectToLogin();
    else setError(res.error.message);
  }

  return (
    <>
      <PageHeader
        title={list.name}
        subtitle={`Saved by ${list.createdBy.name} from ${list.source === "spreadsheet" ? "a spreadsheet" : `${list.source === "order" ? "an order" : "a cart"}`}; shared with your company`}
        actions={
          <Link href="/lists" className={btn.ghost}>
            All lists
          </Link>
        }
      />
      <div className="space-y-4">
        {error ? <Alert>{error}</Alert> : null}
        <Card
          title="Lines, with prices and stock now"
          actions={<span className="text-xs text-slate-500">{`${list.orderable.units} units available, ${formatMoney(list.orderable.subtotal)}`}</span>}
        >
          <ScrollX>
            <LinesNowTable lines={lines} />
          </ScrollX>
          <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 px-4 py-3">
            {canEdit ? <AddAvailableToCart lines={lines} onAdded={() => router.push("/cart")} /> : null}
            {canEdit && !renaming ? (
              <button type="button" className={btn.secondary} onClick={() => setRenaming(true)}>
                Rename
              </button>
            ) : null}
            {renaming ? (
              <form
                className="inline-flex items-center gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  void rename();
                }}
              >
                <label htmlFor="list-name" className="sr-only">
                  List name
                </label>
                <input id="list-name" className={`${inputClass} w-48`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
                <button type="submit" className={btn.primary} disabled={!name.trim()}>
                  Save name
                </button>
              </form>
            ) : null}
            {canEdit ? (
              confirmDelete ? (
                <span className="inline-flex items-center gap-2">
                  <span className="text-xs text-slate-600">Delete this list for everyone in your company?</span>
                  <button type="button" className={btn.danger} onClick={() => void remove()}>
                    Yes, delete
                  </button>
                  <button type="button" className={btn.secondary} onClick={() => setConfirmDelete(false)}>
                    Keep it
                  </button>
                </span>
              ) : (
                <button type="button" className={btn.danger} onClick={() => setConfirmDelete(true)}>
                  Delete list
                </button>
              )
            ) : (
              <span className="text-xs text-slate-500">Your role may read lists but not order from or change them.</span>
            )}
          </div>
        </Card>
      </div>
    </>
  );
}
