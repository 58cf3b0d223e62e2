import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { MakeOfferForm } from "@/components/offers/make-offer-form";
import { PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Make an offer" };

export default async function NewOfferPage() {
  await requireUser("/offers/new");
  return (
    <>
      <PageHeader title="Make an offer" subtitle="Name your price per line; we accept, decline or counter, usually well within 48 hours" />
      <MakeOfferForm />
    </>
  );
}
