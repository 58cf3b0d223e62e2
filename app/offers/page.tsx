import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { OffersView } from "@/components/offers/offers-view";
import { btn, PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Offers" };

export default async function OffersPage() {
  await requireUser("/offers");
  return (
    <>
      <PageHeader
        title="Offers"
        subtitle="Your offers and our answers; accept or counter a counter-offer"
        actions={
          <Link href="/offers/new" className={btn.primary} data-testid="new-offer-link">
            Make an offer on your cart
          </Link>
        }
      />
      <OffersView side="buyer" />
    </>
  );
}
