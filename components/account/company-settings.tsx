"use client";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/web/api-client";
import type { ShippingAddress } from "@/lib/web/types";
import { AddressFields } from "@/components/checkout/address-fields";
import { FormField } from "@/components/ui/form-field";
import { Alert, btn, Card, EmptyState } from "@/components/ui/ui";
import { useFormErrors } from "./use-form-errors";

export type SavedAddress = { id: string; label: string; address: Record<string, string | null>; isDefault: boolean };
const EMPTY: ShippingAddress = { name: "", company: "", line1: "", line2: "", city: "", region: "", postalCode: "", country: "", phone: "" };
const compact = (a: ShippingAddress) => Object.fromEntries(Object.entries(a).filter(([, v]) => v.trim() !== ""));
const oneLine = (a: SavedAddress["address"]) => [a.name, a.line1, a.city, a.postalCode, a.country].filter(Boolean).join(", ");

/** Owners: who else gets order emails, and the addresses buyers pick at checkout. */
export function CompanySettings({ initial }: { initial: { contactEmails: string[]; addresses: SavedAddress[] } }) {
  const [emails, setEmails] = useState(initial.contactEmails.join("\n"));
  const [addresses, setAddresses] = useState(initial.addresses);
  const [draft, setDraft] = useState<ShippingAddress>(EMPTY);
  const [notice, setNotice] = useState<string | null>(null);
  const contacts = useFormErrors();
  const add = useFormErrors();

  const reload = async () => {
    const r = await apiFetch<{ data: SavedAddress[] }>("/api/account/addresses");
    if (r.ok) setAddresses(r.data.data);
  };
  async function saveContacts(e: FormEvent) {
    e.preventDefault();
    contacts.start();
    const list = emails
      .split(/[\s,;]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const r = await apiFetch<{ contactEmails: string[] }>("/api/account/company", { method: "PATCH", body: JSON.stringify({ contactEmails: list }) });
    if (contacts.done(r)) {
      setEmails(r.data.contactEmails.join("\n"));
      setNotice("Contact emails saved.");
    }
  }
  async function addAddress(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    add.start();
    const r = await apiFetch<SavedAddress>("/api/account/addresses", {
      method: "POST",
      body: JSON.stringify({ label: String(fd.get("label") ?? "").trim(), address: compact(draft), isDefault: fd.get("isDefault") === "on" }),
    });
    if (add.done(r)) {
      setDraft(EMPTY);
      (e.target as HTMLFormElement).reset();
      setNotice(`Saved “${r.data.label}”.`);
      await reload();
    }
  }
  async function act(a: SavedAddress, how: "default" | "delete") {
    const r =
      how === "delete"
        ? await apiFetch(`/api/account/addresses/${encodeURIComponent(a.id)}`, { method: "DELETE" })
        : await apiFetch(`/api/account/addresses/${encodeURIComponent(a.id)}`, { method: "PATCH", body: JSON.stringify({ isDefault: true }) });
    setNotice(r.ok ? null : r.error.message);
    await reload();
  }

  return (
    <div className="space-y-4">
      {notice ? (
        <Alert tone="success" testId="settings-notice">
          {notice}
        </Alert>
      ) : null}
      <Card title="Who gets order emails">
        <form onSubmit={saveContacts} className="space-y-2 p-4">
          <label htmlFor="contacts" className="block text-[13px] font-medium text-slate-700">
            Extra addresses (one per line), besides the user who placed the order
          </label>
          <textarea
            id="contacts"
            rows={3}
            value={emails}
            onChange={(e) => setEmails(e.target.value)}
            className="block w-full rounded-md border border-slate-300 p-2 text-sm"
            data-testid="contact-emails"
          />
          {contacts.message ? <p className="text-sm text-red-700">{Object.values(contacts.fields)[0] ?? contacts.message}</p> : null}
          <button type="submit" className={btn.primary} disabled={contacts.pending} data-testid="save-contacts">
            Save
          </button>
        </form>
      </Card>
      <Card title="Saved shipping addresses">
        {addresses.length === 0 ? (
          <EmptyState title="None yet">Buyers pick one of these at checkout.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {addresses.map((a) => (
              <li key={a.id} className="flex items-center justify-between gap-3 px-4 py-2" data-testid={`address-${a.label}`}>
                <span>
                  <strong>{a.label}</strong> {a.isDefault ? <span className="text-xs text-emerald-700">(default)</span> : null}
                  <span className="block text-slate-500">{oneLine(a.address)}</span>
                </span>
                <span className="flex gap-2">
                  {!a.isDefault ? (
                    <button type="button" className={btn.ghost} onClick={() => void act(a, "default")}>
                      Make default
                    </button>
                  ) : null}
                  <button type="button" className={btn.danger} onClick={() => void act(a, "delete")}>
                    Remove
                  </button>
                </span>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={addAddress} className="space-y-3 border-t border-slate-100 p-4" noValidate>
          <FormField id="address-label" name="label" label="Label" required path="label" placeholder="Miami warehouse" error={add.fields.label} />
          <AddressFields
            value={draft}
            errors={Object.fromEntries(Object.entries(add.fields).map(([k, v]) => [k.replace(/^address\./, "shippingAddress."), v]))}
            onChange={(k, v) => setDraft((d) => ({ ...d, [k]: v }))}
          />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="isDefault" /> Default at checkout
          </label>
          {add.message && Object.keys(add.fields).length === 0 ? <p className="text-sm text-red-700">{add.message}</p> : null}
          <button type="submit" className={btn.primary} disabled={add.pending} data-testid="add-address">
            Save address
          </button>
        </form>
      </Card>
    </div>
  );
}
