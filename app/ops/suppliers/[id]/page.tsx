import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getSupplier } from "@/lib/suppliers/admin/get-supplier";
import { getScorecardSettings } from "@/lib/scorecards/scorecard-settings";
import { Card, PageHeader } from "@/components/ui/ui";
import { CircuitBadge } from "@/components/ops/suppliers/circuit-badge";
import { SupplierScorecard } from "@/components/ops/scorecards/supplier-scorecard";

export const metadata: Metadata = { title: "Supplier · Ops" };

type Props = { params: Promise<{ id: string }> };

/** One supplier (id or slug): what it is, its circuit, and its scorecard (live). */
export default async function OpsSupplierPage({ params }: Props) {
  const { id } = await params;
  await requireStaff(`/ops/suppliers/${encodeURIComponent(id)}`);
  const [supplier, settings] = await Promise.all([
    getSupplier(id).catch((err) => {
      if (err instanceof AppError && err.code === "not_found") notFound();
      throw err;
    }),
    getScorecardSettings(),
  ]);
  return (
    <div className="space-y-4">
      <PageHeader
        title={supplier.name}
        subtitle={
          <>
            <span className="font-mono">{supplier.slug}</span> · {supplier.type} · {supplier.active ? "active" : "inactive"}
          </>
        }
        actions={
          <>
            <Link href="/ops/scorecards" className="text-sm text-slate-700 underline underline-offset-2" data-testid="supplier-compare-link">
              Compare suppliers
            </Link>
            <Link href="/ops/suppliers" className="text-sm text-slate-700 underline underline-offset-2">
              All suppliers
            </Link>
          </>
        }
      />
      <Card title="Health">
        <div className="flex flex-wrap items-center gap-4 p-4 text-sm text-slate-700">
          <span className="flex items-center gap-2">
            Circuit <CircuitBadge circuit={supplier.circuit} />
          </span>
          <span>Rate limit {supplier.rateLimitPerSec}/s</span>
          <span>Timeout {supplier.timeoutMs} ms</span>
          <span>Failover after {supplier.failoverAfterSec} s</span>
        </div>
      </Card>
      <SupplierScorecard supplierId={supplier.id} initialWindow={settings.window} />
    </div>
  );
}
