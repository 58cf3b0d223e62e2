import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/session";
import { firstParam } from "@/lib/web/format";
import { AuditLog, type AuditFilters } from "@/components/ops/audit/audit-log";
import { PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Audit log · Ops" };

const AUDIT_FILTER_KEYS = ["actor", "action", "entityType", "entityId", "companyId", "from", "to"] as const;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every staff and owner change, append-only: who, when, what, before and after. */
export default async function OpsAuditPage({ searchParams }: Props) {
  await requireStaff("/ops/audit");
  const sp = await searchParams;
  const initial = Object.fromEntries(AUDIT_FILTER_KEYS.map((k) => [k, firstParam(sp[k])])) as AuditFilters;
  return (
    <>
      <PageHeader title="Audit log" subtitle="Every change staff and company owners made, newest first. Entries are never changed or deleted." />
      <AuditLog initial={initial} />
    </>
  );
}
