import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { CheckoutForm } from "@/components/checkout/checkout-form";
import { PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage() {
  const user = await requireUser("/checkout");
  return (
    <>
      <PageHeader title="Checkout" subtitle="Prices and stock are confirmed by the server when you place the order." />
      <CheckoutForm userId={user.userId} />
    </>
  );
}
