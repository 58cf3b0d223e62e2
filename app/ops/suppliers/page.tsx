import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { listSuppliers } from "@/lib/suppliers/admin/list-suppliers";
import { describeSupplierKinds } from "@/lib/suppliers/registry";
import { SupplierAdmin } from "@/components/ops/suppliers/supplier-admin";

export const metadata: Metadata = { title: "Suppliers · Ops" };

/** Ops see suppliers and their health; admins also add and change them (the API enforces it too). */
export default async function OpsSuppliersPage() {
  const principal = await requireStaff("/ops/suppliers");
  const suppliers = await listSuppliers();
  return <SupplierAdmin initial={suppliers} canEdit={principal.role === "admin"} appUrl={env().APP_URL} kinds={describeSupplierKinds()} />;
}
