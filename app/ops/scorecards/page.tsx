import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/session";
import { getScorecardSettings } from "@/lib/scorecards/scorecard-settings";
import { PageHeader } from "@/components/ui/ui";
import { ScorecardComparison } from "@/components/ops/scorecards/scorecard-comparison";
import { ScorecardSettingsForm } from "@/components/ops/scorecards/scorecard-settings-form";

export const metadata: Metadata = { title: "Supplier scorecards · Ops" };

/** Every supplier's scorecard side by side, and how the score is made and used in routing. */
export default async function OpsScorecardsPage() {
  await requireStaff("/ops/scorecards");
  const settings = await getScorecardSettings();
  return (
    <div className="space-y-4">
      <PageHeader title="Supplier scorecards" subtitle="From our own records: calls, supplier orders, reroutes and circuit openings. Refreshes every 15 s." />
      <ScorecardComparison initialWindow={settings.window} />
      <ScorecardSettingsForm initial={settings} />
    </div>
  );
}
