import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/session";
import { OffersView } from "@/components/offers/offers-view";
import { PageHeader } from "@/components/ui/ui";
import { OfferRules } from "@/components/offers/offer-rules";

export const metadata: Metadata = { title: "Offers · Ops" };

export default async function OpsOffersPage() {
  await requireStaff("/ops/offers");
  return (
    <>
      <PageHeader
        title="Offer clearing"
        subtitle="Buyers' offers waiting for an answer: accept, decline or counter, with the margin against today's supplier cost"
      />
      <OffersView side="ops" />
      <div className="mt-6">
        <OfferRules />
      </div>
    </>
  );
}
