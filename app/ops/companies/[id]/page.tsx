import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/auth/session";
import { getCompanyForOps } from "@/lib/account/ops-companies";
import { AppError } from "@/lib/errors";
import { OpsCompany, type OpsCompanyView } from "@/components/ops/companies/ops-company";

export const metadata: Metadata = { title: "Company · Ops" };

type Props = { params: Promise<{ id: string }> };

export default async function OpsCompanyPage({ params }: Props) {
  const { id } = await params;
  const p = await requireStaff(`/ops/companies/${encodeURIComponent(id)}`);
  const company = await getCompanyForOps(p, id).catch((err) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  return <OpsCompany initial={JSON.parse(JSON.stringify(company)) as OpsCompanyView} />;
}
