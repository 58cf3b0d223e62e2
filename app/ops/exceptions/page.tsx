import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/session";
import { listSlaSuppliers } from "@/lib/ops/exceptions/supplier-sla";
import { ExceptionsView } from "@/components/ops/exceptions/exceptions-view";
import { SupplierSlaForm } from "@/components/ops/exceptions/supplier-sla-form";
import { PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Exceptions · Ops" };
export const dynamic = "force-dynamic";

export default async function OpsExceptionsPage() {
  await requireStaff("/ops/exceptions");
  const suppliers = await listSlaSuppliers();
  return (
    <>
      <PageHeader
        title="Exceptions"
        subtitle="Everything that needs a human, oldest first: act on it here, and it leaves the queue and stays on the order's timeline"
      />
      <ExceptionsView />
      <div className="mt-6">
        <SupplierSlaForm suppliers={suppliers} />
      </div>
    </>
  );
}
