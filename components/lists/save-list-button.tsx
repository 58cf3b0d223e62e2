"use client";
import Link from "next/link";
import { useState } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import { btn, inputClass } from "@/components/ui/ui";

export type ListLineInput = { sku: string; quantity: number; maxUnitPrice?: string | null; note?: string | null };

/**
 * "Save as list": names the list inline and saves it for the company (POST /api/lists), used by
 * the cart, the spreadsheet review and the reorder page. Every user of the company sees it at /lists.
 */
export function SaveListButton({
  source,
  lines,
  defaultName,
  disabled = false,
}: {
  source: "cart" | "spreadsheet" | "order";
  lines: ListLineInput[];
  defaultName: string;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(defaultName);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ id: string; name: string } | null>(null);

  async function save() {
    setPending(true);
    setError(null);
    const res = await apiFetch<{ id: string; name: string }>("/api/lists", { method: "POST", body: JSON.stringify({ name, source, lines }) });
    setPending(false);
    if (res.ok) {
      setSaved(res.data);
      setOpen(false);
    } else if (res.status === 401) redirectToLogin();
    else setError(res.error.fields ? `${res.error.message}: ${Object.values(res.error.fields)[0]}` : res.error.message);
  }

  if (saved)
    return (
      <span role="status" className="text-sm text-emerald-700" data-testid="list-saved">
        Saved as{" "}
        <Link href={`/lists/${encodeURIComponent(saved.id)}`} className="font-medium underline">
          {saved.name}
        </Link>
      </span>
    );
  if (!open)
    return (
      <button type="button" className={btn.secondary} disabled={disabled || lines.length === 0} onClick={() => setOpen(true)} data-testid="save-as-list">
        Save as list
      </button>
    );
  return (
    <form
      className="inline-flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="sr-only" htmlFor="save-list-name">
        List name
      </label>
      <input id="save-list-name" className={`${inputClass} w-48`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} autoFocus />
      <button type="submit" className={btn.primary} disabled={pending || !name.trim()} data-testid="save-list">
        {pending ? "Saving…" : "Save list"}
      </button>
      <button type="button" className={btn.ghost} onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </form>
  );
}
