import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getCompanySettings } from "@/lib/account/company-settings";
import { CompanySettings, type SavedAddress } from "@/components/account/company-settings";
import { PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Company settings" };

export default async function CompanySettingsPage() {
  const p = await requireUser("/account/company");
  if (!can(p, "company:manage")) redirect("/account");
  const s = await getCompanySettings(p);
  return (
    <>
      <PageHeader title={`${s.name}: settings`} subtitle={`Pricing tier: ${s.tier}`} />
      <CompanySettings
        initial={
          JSON.parse(JSON.stringify({ contactEmails: s.contactEmails, addresses: s.addresses })) as { contactEmails: string[]; addresses: SavedAddress[] }
        }
      />
    </>
  );
}
