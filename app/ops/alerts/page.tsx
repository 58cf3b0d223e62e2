import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings/settings";
import { firstParam } from "@/lib/web/format";
import { OpsSettingsForm } from "@/components/ops/ops-settings-form";
import { StockAlerts } from "@/components/ops/alerts/stock-alerts";
import { Card, PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Stock alerts · Ops" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Stock crossings, once each (also emailed to ops), and the low-stock threshold. */
export default async function OpsAlertsPage({ searchParams }: Props) {
  await requireStaff("/ops/alerts");
  const [sp, settings] = await Promise.all([searchParams, getSettings()]);
  return (
    <>
      <PageHeader title="Stock alerts" subtitle="A supplier offer falling to the threshold or to 0 alerts once per crossing." />
      <div className="space-y-4">
        <StockAlerts initialQ={firstParam(sp.q)} />
        <Card title="Threshold">
          <OpsSettingsForm initial={settings} fields={["lowStockThreshold"]} />
        </Card>
      </div>
    </>
  );
}
