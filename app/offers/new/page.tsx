import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { MakeOfferForm } from "@/components/offers/make-offer-form";
import { PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Make an offer" };

export default async function NewOfferPage({ searchParams }: { searchParams: Promise<{ sku?: string | string[] }> }) {
  await requireUser("/offers/new");
  const { sku } = await searchParams;
  const one = typeof sku === "string" && sku.trim() ? sku.trim().slice(0, 100) : undefined;
  return (
    <>
      <PageHeader title="Make an offer" subtitle="Name your price per line; we accept, decline or counter, usually well within 48 hours" />
      <MakeOfferForm sku={one} />
    </>
  );
}
