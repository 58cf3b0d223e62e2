"use client";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/web/api-client";
import { Alert, btn, Card, PageHeader, inputClass } from "@/components/ui/ui";
import { UsersTable, type CompanyRole as Role, type CompanyUserRow as User } from "@/components/account/users-table";
import { OrderForCompanyButton } from "@/components/ops/acting-for/acting-for-bar";
export type OpsCompanyView = {
  id: string;
  name: string;
  customerId: string;
  tier: string;
  contactEmails: string[];
  orders: number;
  apiKeys: number;
  users: User[];
  knownTiers: string[];
};

/** Ops edit a company's name, tier and contact emails, and its users' roles, by the owners' rules. */
export function OpsCompany({ initial }: { initial: OpsCompanyView }) {
  const [c, setC] = useState(initial);
  const [notice, setNotice] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const base = `/api/ops/companies/${encodeURIComponent(c.id)}`;

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const r = await apiFetch<OpsCompanyView>(base, {
      method: "PATCH",
      body: JSON.stringify({
        name: String(fd.get("name") ?? "").trim(),
        tier: String(fd.get("tier") ?? "").trim(),
        contactEmails: String(fd.get("contactEmails") ?? "")
          .split(/[\s,;]+/)
          .filter(Boolean),
      }),
    });
    if (r.ok) setC(r.data);
    setNotice(
      r.ok
        ? { tone: "success", text: "Saved." }
        : { tone: "error", text: Object.values((r.error as { fields?: Record<string, string> }).fields ?? {})[0] ?? r.error.message },
    );
  }
  async function change(u: User, body: { role?: Role; active?: boolean }) {
    const r = await apiFetch(`${base}/users/${encodeURIComponent(u.id)}`, { method: "PATCH", body: JSON.stringify(body) });
    setNotice(r.ok ? { tone: "success", text: `${u.name}: saved.` } : { tone: "error", text: r.error.message });
    const fresh = await apiFetch<OpsCompanyView>(base);
    if (fresh.ok) setC(fresh.data);
  }

  return (
    <>
      <PageHeader
        title={c.name}
        subtitle={`${c.customerId} · ${c.orders} orders · ${c.apiKeys} API keys`}
        actions={<OrderForCompanyButton company={{ id: c.id, name: c.name }} />}
      />
      <div className="space-y-4">
        {notice ? (
          <Alert tone={notice.tone} testId="company-notice">
            {notice.text}
          </Alert>
        ) : null}
        <Card title="Company">
          <form onSubmit={save} className="grid gap-3 p-4 sm:grid-cols-3">
            <label className="text-[13px] font-medium text-slate-700">
              Name
              <input name="name" defaultValue={c.name} className={inputClass} />
            </label>
            <label className="text-[13px] font-medium text-slate-700">
              Pricing tier
              <input name="tier" defaultValue={c.tier} list="known-tiers" className={inputClass} data-testid="company-tier" />
              <datalist id="known-tiers">
                {c.knownTiers.map((t) => (
                  <option key={t} value={t} />
                ))}
              </datalist>
            </label>
            <label className="text-[13px] font-medium text-slate-700">
              Contact emails
              <input name="contactEmails" defaultValue={c.contactEmails.join(", ")} className={inputClass} />
            </label>
            <div className="sm:col-span-3">
              <button type="submit" className={btn.primary} data-testid="save-company">
                Save
              </button>
            </div>
          </form>
        </Card>
        <Card title="Users">
          <UsersTable users={c.users} onChange={(u, body) => void change(u, body)} />
        </Card>
      </div>
    </>
  );
}
