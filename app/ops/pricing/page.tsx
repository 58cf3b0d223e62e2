import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/session";
import { listMarkupRules } from "@/lib/pricing/list-markup-rules";
import { listPriceChanges } from "@/lib/pricing/list-price-changes";
import { getSettings } from "@/lib/settings/settings";
import { MarkupRules } from "@/components/ops/pricing/markup-rules";
import { OpsSettingsForm } from "@/components/ops/ops-settings-form";
import { PriceChanges } from "@/components/ops/pricing/price-changes";
import { Card, PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Pricing · Ops" };

/** Markup rules, the approval tolerance and the price changes waiting for ops. */
export default async function OpsPricingPage() {
  await requireStaff("/ops/pricing");
  const [rules, changes, settings] = await Promise.all([listMarkupRules(), listPriceChanges({ status: "pending", limit: 100 }), getSettings()]);
  return (
    <>
      <PageHeader title="Pricing" subtitle="Reseller price = supplier cost through the markup rules. Big moves wait for you." />
      <div className="space-y-4">
        <PriceChanges initial={changes.data} />
        <MarkupRules initial={rules} />
        <Card title="Approval tolerance">
          <OpsSettingsForm initial={settings} fields={["priceTolerancePercent"]} />
        </Card>
      </div>
    </>
  );
}
