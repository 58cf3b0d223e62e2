import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/lib/auth/session";
import { listCompaniesForOps } from "@/lib/account/ops-companies";
import { firstParam } from "@/lib/web/format";
import { Card, EmptyState, PageHeader, btn, inputClass, td, th, ScrollX } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Companies · Ops" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every reseller company: its tier (what markup rules target), users and orders. */
export default async function OpsCompaniesPage({ searchParams }: Props) {
  const p = await requireStaff("/ops/companies");
  const q = firstParam((await searchParams).q);
  const { data } = await listCompaniesForOps(p, { q: q || undefined });
  return (
    <>
      <PageHeader title="Companies" subtitle="Reseller companies, their pricing tier and their users." />
      <form className="mb-3 flex gap-2" action="/ops/companies">
        <input name="q" defaultValue={q} placeholder="Name or customer id" className={`${inputClass} max-w-xs`} aria-label="Search companies" />
        <button type="submit" className={btn.secondary}>
          Search
        </button>
      </form>
      <Card>
        {data.length === 0 ? (
          <EmptyState title="No companies" />
        ) : (
          <ScrollX>
            <table className="w-full text-sm" data-testid="companies-table">
              <thead>
                <tr className="text-left">
                  <th className={th}>Company</th>
                  <th className={th}>Customer id</th>
                  <th className={th}>Tier</th>
                  <th className={th}>Users</th>
                  <th className={th}>Orders</th>
                </tr>
              </thead>
              <tbody>
                {data.map((c) => (
                  <tr key={c.id} className="border-t border-slate-100" data-testid={`company-${c.customerId}`}>
                    <td className={td}>
                      <Link href={`/ops/companies/${encodeURIComponent(c.id)}`} className="text-sky-700 hover:underline">
                        {c.name}
                      </Link>
                    </td>
                    <td className={`${td} font-mono text-xs`}>{c.customerId}</td>
                    <td className={td}>{c.tier}</td>
                    <td className={td}>{c.users}</td>
                    <td className={td}>{c.orders}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollX>
        )}
      </Card>
    </>
  );
}
