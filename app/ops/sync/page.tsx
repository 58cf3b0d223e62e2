import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/session";
import { OpsSyncBoard } from "@/components/ops/sync/ops-sync-board";

export const metadata: Metadata = { title: "Supplier sync" };

export default async function OpsSyncPage() {
  await requireStaff("/ops/sync");
  return <OpsSyncBoard />;
}
