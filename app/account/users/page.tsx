import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { CompanyUsers, type CompanyUsersData } from "@/components/account/company-users";
import { listCompanyUsers } from "@/lib/account/manage-users";
import { PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Users" };

export default async function AccountUsersPage() {
  const p = await requireUser("/account/users");
  if (!can(p, "company:manage")) redirect("/account");
  return (
    <>
      <PageHeader title="Users and invitations" subtitle="Owners manage users, keys and settings; buyers order; viewers read orders." />
      <CompanyUsers meId={p.userId} initial={JSON.parse(JSON.stringify(await listCompanyUsers(p))) as CompanyUsersData} />
    </>
  );
}
